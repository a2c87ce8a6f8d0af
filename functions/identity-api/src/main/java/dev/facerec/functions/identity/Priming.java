package dev.facerec.functions.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.facerec.functions.core.image.ByteSource;
import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.image.ImageHeaderReader;
import dev.facerec.functions.core.recognition.FaceCropper;
import dev.facerec.functions.core.recognition.ImageDecoder;
import dev.facerec.functions.core.recognition.ResultDocument;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * What runs before a SnapStart snapshot, so that a restored function does not pay for it on its first request: the
 * handler answers requests that end before any AWS call (bad input of every route: the event types, routing, JSON
 * parsing and writing, base64, image header reading, error answers), and the image paths of identification run on a
 * generated photo (ImageIO's JPEG and PNG codecs, decoding, cropping, the result document), and the SDK's call path
 * runs against a loopback socket ({@link SdkPriming}). No AWS call is made, and no credentials are resolved: those
 * would be stale or unreachable at checkpoint time.
 */
final class Priming {

    private static final int SIDE = 200;

    private Priming() {}

    /** Primes {@code handler}; returns the status of each request it made (all 4xx: none reached AWS). */
    static List<Integer> prime(IdentityApiHandler handler) {
        byte[] jpeg = image("jpeg", SIDE);
        String tinyPng = Base64.getEncoder().encodeToString(image("png", 10));
        String tinyJpeg = Base64.getEncoder().encodeToString(image("jpeg", 10));
        List<APIGatewayV2HTTPEvent> requests = List.of(
                event(IdentityApiHandler.VERIFY, "image/png", tinyPng, true),
                event(IdentityApiHandler.VERIFY, "application/json", "{\"image\":\"" + tinyJpeg + "\"}", false),
                event(IdentityApiHandler.IDENTIFY, "application/json", "{\"image\":\"@\"}", false),
                event(IdentityApiHandler.IDENTIFY, "image/jpeg", tinyJpeg, true),
                event(IdentityApiHandler.LIST_PEOPLE, null, null, false),
                event(IdentityApiHandler.GET_PHOTO, null, null, false),
                event("GET /nowhere", null, null, false));
        List<Integer> statuses = requests.stream()
                .map(request -> handler.handleRequest(request, null).getStatusCode())
                .toList();
        try {
            ImageHeader header = ImageHeaderReader.read(ByteSource.of(jpeg));
            BufferedImage decoded = ImageDecoder.decode(jpeg, header);
            BoundingBox box = BoundingBox.builder()
                    .left(0.25f)
                    .top(0.25f)
                    .width(0.5f)
                    .height(0.5f)
                    .build();
            FaceCropper.crop(decoded, List.of(box), 0);
            ResultDocument.build((ResultDocument.Source) null, header, 80f, Instant.EPOCH, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new Verification(false, "priming", 0f, 99f, VerificationReason.NO_FACE, 0, false).toJson();
        PutObjectRequest.builder().bucket("priming").key("priming").build();
        SdkPriming.prime();
        return statuses;
    }

    private static APIGatewayV2HTTPEvent event(String route, String contentType, String body, boolean base64) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("content-type", contentType);
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(route)
                .withPathParameters(Map.of("personId", "priming"))
                .withQueryStringParameters(Map.of("limit", "0"))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .build();
    }

    private static byte[] image(String format, int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
