package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.sightings.SightingDeletion;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * What the {@link Mentions mentions} of an erased person lead to: each result naming the person is redacted
 * ({@link ResultRedaction}: the document gets a new version without the person and its older versions are deleted;
 * the result row loses the person), each sighting naming the person is deleted (its face from the day's collection,
 * then its row). Other people's identities in the same results stay.
 */
final class MentionedResults {

    /** What was removed. */
    record Outcome(long redacted, long versionsDeleted, long sightings) {}

    private final S3Client s3;
    private final DynamoDbClient dynamoDb;
    private final SightingDeletion sightingDeletion;
    private final String table;

    MentionedResults(AwsClients clients, String table) {
        this.s3 = clients.s3();
        this.dynamoDb = clients.dynamoDb();
        this.sightingDeletion = new SightingDeletion(clients.dynamoDb(), clients.rekognition(), table);
        this.table = table;
    }

    /** Follows every mention among {@code partition} (the person's rows). */
    Outcome erase(String personId, List<Map<String, AttributeValue>> partition) {
        long redacted = 0;
        long versions = 0;
        long sightings = 0;
        for (Map<String, AttributeValue> mention : partition) {
            if (!Mentions.isMention(mention) || CameraMentions.isCameraMention(mention)) {
                continue;
            }
            String bucket = AttributeValues.str(mention, Mentions.RESULT_BUCKET);
            String key = AttributeValues.str(mention, Mentions.RESULT_KEY);
            boolean named = redactDocument(bucket, key, personId);
            versions += deleteOlderVersions(bucket, key, named);
            named |= redactRow(AttributeValues.str(mention, Mentions.OBJECT_PK), personId);
            redacted += named ? 1 : 0;
            for (String sightingPk : AttributeValues.set(mention, Mentions.SIGHTINGS)) {
                sightings += sightingDeletion.delete(sightingPk) ? 1 : 0;
            }
        }
        return new Outcome(redacted, versions, sightings);
    }

    /** Writes the current document again without the person; whether it named them. */
    private boolean redactDocument(String bucket, String key, String personId) {
        byte[] current;
        try {
            current = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException gone) {
            return false;
        }
        byte[] redacted = ResultRedaction.document(current, personId);
        if (redacted == null) {
            return false;
        }
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(redacted));
        return true;
    }

    /**
     * Deletes every version of {@code key} but the newest (the redacted one, when {@code keepNewest}), and every
     * delete marker: older versions still name the person.
     */
    private long deleteOlderVersions(String bucket, String key, boolean keepNewest) {
        List<ObjectIdentifier> old = new ArrayList<>();
        for (ListObjectVersionsResponse page :
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key))) {
            page.versions().stream()
                    .filter(v -> v.key().equals(key) && !(keepNewest && Boolean.TRUE.equals(v.isLatest())))
                    .forEach(v -> old.add(ObjectIdentifier.builder()
                            .key(key)
                            .versionId(v.versionId())
                            .build()));
            page.deleteMarkers().stream()
                    .filter(m -> m.key().equals(key))
                    .forEach(m -> old.add(ObjectIdentifier.builder()
                            .key(key)
                            .versionId(m.versionId())
                            .build()));
        }
        for (int from = 0; from < old.size(); from += 1000) {
            List<ObjectIdentifier> batch = old.subList(from, Math.min(old.size(), from + 1000));
            s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
        }
        return old.size();
    }

    /** Rewrites the result row without the person; whether it named them. */
    private boolean redactRow(String objectPk, String personId) {
        Map<String, AttributeValue> row = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(TableKeys.key(objectPk, TableKeys.RESULT)))
                .item();
        Map<String, AttributeValue> redacted = row == null || row.isEmpty() ? null : ResultRedaction.row(row, personId);
        if (redacted == null) {
            return false;
        }
        dynamoDb.putItem(b -> b.tableName(table).item(redacted));
        return true;
    }
}
