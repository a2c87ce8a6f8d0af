package dev.facerec.functions.identity;

import dev.facerec.functions.core.recognition.FaceRecognizer;
import dev.facerec.functions.core.recognition.ImageDecoder;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.tenant.Tenant;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Identification (1:N): every face of the image identified as the recognition function does it (DetectFaces, then a
 * user search per face crop, through the same {@link FaceRecognizer}), answered with the same result document
 * (docs/functions.md, "Result JSON"; {@code source} only for a photo given by key). An image without faces is an
 * answer with no faces, not an error.
 */
final class IdentificationService {

    private final RekognitionClient rekognition;
    private final FaceRecognizer recognizer;
    private final Tenant tenant;
    private final Clock clock;

    IdentificationService(RekognitionClient rekognition, FaceRecognizer recognizer, Tenant tenant, Clock clock) {
        this.rekognition = rekognition;
        this.recognizer = recognizer;
        this.tenant = tenant;
        this.clock = clock;
    }

    byte[] identify(ProbeImage probe) {
        List<FaceDetail> details = rekognition
                .detectFaces(b -> b.attributes(Attribute.ALL).image(probe.rekognitionImage()))
                .faceDetails();
        List<RecognizedFace> faces = List.of();
        if (!details.isEmpty()) {
            BufferedImage image;
            try {
                image = ImageDecoder.decode(probe.bytes(), probe.header());
            } catch (RejectedException undecodable) {
                throw ProbeReader.rejection(undecodable, false);
            }
            faces = recognizer.identify(tenant, image, details);
        }
        return ResultDocument.build(probe.source(), probe.header(), recognizer.threshold(), clock.instant(), faces);
    }
}
