package dev.facerec.functions.identity;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.facerec.functions.core.image.ImageInspector;
import dev.facerec.functions.core.image.ImageLimits;
import dev.facerec.functions.core.image.S3ObjectSource;
import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.status.StaleObjectException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads the image of a request in one of three forms: the raw body ({@code Content-Type: image/jpeg},
 * {@code image/png}, any other {@code image/*} or {@code application/octet-stream}: the format is read from the bytes), JSON {@code {"image": "<base64>"}}, or JSON {@code {"key": "<object key>"}} naming a photo in
 * the bucket under the recognise prefix (for images over what fits in a request). Bad input becomes a 400 (413 for
 * bytes over Rekognition's 5 MB limit), never a 500.
 */
final class ProbeReader {

    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final ImageInspector bytesInspector;
    private final ImageInspector objectInspector;

    ProbeReader(S3Client s3, String bucket, String keyPrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.bytesInspector = new ImageInspector(s3, ImageLimits.REKOGNITION_BYTES);
        this.objectInspector = new ImageInspector(s3, ImageLimits.REKOGNITION);
    }

    /** The request's image, checked. */
    ProbeImage read(APIGatewayV2HTTPEvent event) {
        String type = contentType(event);
        // Any image type (image/jpg is a common spelling) or octet-stream: the format is read from the bytes.
        if (type.startsWith("image/") || type.equals("application/octet-stream")) {
            return checked(Requests.bodyBytes(event), null);
        }
        if (type.equals("application/json")) {
            Map<String, JsonNode> json = Requests.jsonObject(event);
            String image = Requests.optionalString(json, "image");
            String key = Requests.optionalString(json, "key");
            if ((image == null) == (key == null)) {
                throw ApiException.badRequest(
                        "INVALID_REQUEST", "give exactly one of \"image\" (base64) and \"key\" (an object key)");
            }
            return image != null ? checked(decode(image), null) : fromBucket(key);
        }
        throw ApiException.badRequest(
                "UNSUPPORTED_CONTENT_TYPE",
                "send the image as image/jpeg or image/png, or JSON with \"image\" (base64) or \"key\"");
    }

    private ProbeImage fromBucket(String key) {
        if (!key.startsWith(keyPrefix) || key.endsWith("/") || key.length() > 1024) {
            throw ApiException.badRequest("INVALID_KEY", "the key must name a photo under " + keyPrefix);
        }
        return stored(key);
    }

    /** The photo stored under {@code key} in the bucket (a key the API trusts: no prefix check), checked. */
    ProbeImage stored(String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            objectInspector.checkSize(head.contentLength());
            String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
            byte[] bytes = S3ObjectSource.download(s3, bucket, key, head.versionId(), eTag);
            return ProbeImage.of(
                    bytes, objectInspector, new ResultDocument.Source(bucket, key, head.versionId(), eTag));
        } catch (NoSuchKeyException | StaleObjectException gone) {
            throw ApiException.badRequest("OBJECT_NOT_FOUND", "no photo is stored under this key");
        } catch (S3Exception error) {
            if (error.statusCode() != NOT_FOUND) {
                throw error;
            }
            throw ApiException.badRequest("OBJECT_NOT_FOUND", "no photo is stored under this key");
        } catch (RejectedException rejected) {
            throw rejection(rejected, false);
        }
    }

    private ProbeImage checked(byte[] bytes, ResultDocument.Source source) {
        try {
            return ProbeImage.of(bytes, bytesInspector, source);
        } catch (RejectedException rejected) {
            throw rejection(rejected, bytes.length > ImageLimits.REKOGNITION_BYTES.maxBytes());
        }
    }

    /** A rejected image as an API error: 413 for bytes over the limit, 400 with the reason otherwise. */
    static ApiException rejection(RejectedException rejected, boolean overByteLimit) {
        if (overByteLimit) {
            return new ApiException(
                    413,
                    "TOO_LARGE",
                    "the image is over Rekognition's 5 MB limit for bytes: upload it to the bucket and send its key");
        }
        return ApiException.badRequest(rejected.reason().name(), rejected.detail());
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_BASE64", "\"image\" is not valid base64");
        }
    }

    private static String contentType(APIGatewayV2HTTPEvent event) {
        String type = Requests.header(event, "content-type");
        if (type == null) {
            return "";
        }
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
