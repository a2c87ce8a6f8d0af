package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Turns a request's {@code Image} ({@code Bytes} or {@code S3Object}) into image bytes, with Rekognition's limits:
 * 5 MB inline, 15 MB from S3. Objects are read from the configured S3 endpoint (the twin's S3); anything S3 refuses
 * is an {@code InvalidS3ObjectException}, as on AWS.
 */
final class ImageSource {

    private final S3Client s3;

    /** @param s3 the client for S3Object images, or null when none is configured */
    ImageSource(S3Client s3) {
        this.s3 = s3;
    }

    byte[] load(RequestReader request, String member) {
        JsonNode image = request.node(member);
        if (image == null || !image.isObject()) {
            throw RequestReader.violation(member, "Member must not be null");
        }
        JsonNode bytes = image.get("Bytes");
        JsonNode s3Object = image.get("S3Object");
        boolean hasBytes = bytes != null && !bytes.isNull();
        boolean hasObject = s3Object != null && !s3Object.isNull();
        if (hasBytes == hasObject) {
            throw RekognitionException.invalidParameter(
                    "Image must have exactly one of Bytes and S3Object, got " + (hasBytes ? "both" : "neither"));
        }
        return hasBytes ? inline(member, bytes) : fromS3(s3Object);
    }

    private static byte[] inline(String member, JsonNode bytes) {
        byte[] data;
        try {
            data = bytes.binaryValue();
        } catch (IOException e) {
            throw RequestReader.violation(member + ".Bytes", "Member must be base64-encoded");
        }
        if (data == null || data.length == 0) {
            throw RequestReader.violation(member + ".Bytes", "Member must have length greater than or equal to 1");
        }
        if (data.length > Constraints.MAX_IMAGE_BYTES) {
            throw new RekognitionException(
                    ErrorType.IMAGE_TOO_LARGE,
                    "Image bytes are " + data.length + " bytes; at most " + Constraints.MAX_IMAGE_BYTES
                            + " (5 MB) may be sent inline; use an S3Object");
        }
        return data;
    }

    private byte[] fromS3(JsonNode object) {
        String bucket = text(object, "Bucket");
        String key = text(object, "Name");
        String version = text(object, "Version");
        if (bucket == null
                || key == null
                || bucket.length() < 3
                || bucket.length() > 255
                || !Constraints.S3_BUCKET.matcher(bucket).matches()
                || key.length() > 1024) {
            throw RekognitionException.invalidParameter("S3Object needs a valid Bucket and Name");
        }
        if (s3 == null) {
            throw new RekognitionException(
                    ErrorType.INVALID_S3_OBJECT,
                    "Unable to get object metadata from S3: no S3 endpoint is configured for this server");
        }
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key);
        if (version != null) {
            get.versionId(version);
        }
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get.build())) {
            Long length = in.response().contentLength();
            if (length != null && length > Constraints.MAX_S3_IMAGE_BYTES) {
                in.abort();
                throw tooLarge(length);
            }
            return readAtMost(in, Constraints.MAX_S3_IMAGE_BYTES);
        } catch (SdkException | IOException e) {
            throw new RekognitionException(
                    ErrorType.INVALID_S3_OBJECT,
                    "Unable to get object metadata from S3. Check object key, region and/or access permissions.");
        }
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] data = in.readNBytes((int) max + 1);
        if (data.length > max) {
            throw tooLarge(data.length);
        }
        return data;
    }

    private static RekognitionException tooLarge(long length) {
        return new RekognitionException(
                ErrorType.IMAGE_TOO_LARGE,
                "The S3 object is " + length + " bytes; at most " + Constraints.MAX_S3_IMAGE_BYTES
                        + " (15 MB) are accepted");
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
