package dev.facerec.functions.identity;

import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.TableKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Enrolment photos uploaded by the caller: {@code POST /people/{personId}/photos} answers a presigned PUT URL for a
 * new key {@code <enrollPrefix><personId>/<photoId>} (the upload then flows through enrolment as any other), and
 * {@code GET /people/{personId}/photos/{photoId}} answers its status row: {@code PENDING} while the photo is in the
 * bucket but enrolment has not recorded it yet, then enrolment's status ({@code INDEXED}, {@code REJECTED} with its
 * reason, …).
 */
final class PhotoUploads {

    /** The status of an uploaded photo enrolment has not picked up yet. */
    static final String PENDING = "PENDING";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String bucket;
    private final String enrollPrefix;
    private final Duration ttl;
    private final Clock clock;

    PhotoUploads(S3Client s3, S3Presigner presigner, DynamoDbClient dynamoDb, IdentityApiConfig config, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.dynamoDb = dynamoDb;
        this.table = config.function().tableName();
        this.bucket = config.bucket();
        this.enrollPrefix = config.function().enrollPrefix();
        this.ttl = config.uploadUrlTtl();
        this.clock = clock;
    }

    /** A presigned PUT for a new photo of {@code personId}; the caller sends the image's content type with it. */
    byte[] create(String personId) {
        String photoId = UUID.randomUUID().toString();
        String key = key(personId, photoId);
        PresignedPutObjectRequest presigned = presigner.presignPutObject(b ->
                b.signatureDuration(ttl).putObjectRequest(p -> p.bucket(bucket).key(key)));
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("photoId").writeValue(photoId);
            json.writeFieldName("personId").writeValue(personId);
            json.writeFieldName("method").writeValue("PUT");
            json.writeFieldName("uploadUrl").writeValue(presigned.url().toString());
            json.writeFieldName("expiresAt")
                    .writeValue(clock.instant().plus(ttl).toString());
            return json.writeEndObject().getBytes();
        }
    }

    /** The status of photo {@code photoId} of {@code personId}. */
    byte[] status(String personId, String photoId) {
        String key = key(personId, photoId);
        Map<String, AttributeValue> row = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(TableKeys.statusKey(bucket, key)))
                .item();
        String status;
        if (row == null || row.isEmpty()) {
            if (!stored(key)) {
                throw new ApiException(404, "PHOTO_NOT_FOUND", "no photo was uploaded under this photo id");
            }
            status = PENDING;
        } else {
            status = AttributeValues.str(row, StatusAttributes.STATUS);
            if (ObjectStatus.PROCESSING.name().equals(status)) {
                status = PENDING;
            }
        }
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("photoId").writeValue(photoId);
            json.writeFieldName("personId").writeValue(personId);
            json.writeFieldName("status").writeValue(status);
            if (row != null && !PENDING.equals(status)) {
                ResultDocument.string(json, "reason", AttributeValues.str(row, StatusAttributes.REASON));
                ResultDocument.string(json, "detail", AttributeValues.str(row, StatusAttributes.DETAIL));
                ResultDocument.string(json, "updatedAt", AttributeValues.str(row, StatusAttributes.UPDATED_AT));
            }
            return json.writeEndObject().getBytes();
        }
    }

    private String key(String personId, String photoId) {
        return enrollPrefix + personId + "/" + photoId;
    }

    private boolean stored(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException missing) {
            return false;
        } catch (S3Exception error) {
            if (error.statusCode() == 404) {
                return false;
            }
            throw error;
        }
    }
}
