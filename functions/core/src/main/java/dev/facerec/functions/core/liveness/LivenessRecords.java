package dev.facerec.functions.core.liveness;

import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What the table keeps about Face Liveness checks: a session's one use (a row of its own, with no person in it), and
 * under the person's partition the sessions used for them (with the keys of the session's reference and audit
 * images) and their failed checks. Erasing a person erases these rows and the images (every version). Every row
 * expires by TTL with the images' retention.
 */
public final class LivenessRecords {

    /** Sort-key prefix of a session used for the person (the images' keys are in {@code imageKeys}). */
    public static final String SESSION_PREFIX = "LIVENESS#";
    /** Sort-key prefix of a failed check of the person ({@code LIVENESS_FAILURE#<epoch ms>#<random>}). */
    public static final String FAILURE_PREFIX = "LIVENESS_FAILURE#";
    /** What both prefixes start with. */
    private static final String ANY = "LIVENESS";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ObjectVersions objects;

    public LivenessRecords(DynamoDbClient dynamoDb, String table, ObjectVersions objects) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.objects = objects;
    }

    /**
     * Marks the session used, once for all callers.
     *
     * @return false when it was used before
     */
    public boolean claim(String sessionId, Instant now, Duration keep) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key("LIVENESS_SESSION#" + sessionId, "USED"));
        item.put("usedAt", AttributeValues.s(now.toString()));
        item.put(TableKeys.TTL, AttributeValues.n(now.plus(keep).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        }
    }

    /** Records that the session (and its images, by key) was used for the person of {@code personPk}. */
    public void recordSession(String personPk, String sessionId, List<String> imageKeys, Instant now, Duration keep) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(personPk, SESSION_PREFIX + sessionId));
        item.put("usedAt", AttributeValues.s(now.toString()));
        if (!imageKeys.isEmpty()) {
            item.put("imageKeys", AttributeValues.strings(imageKeys));
        }
        item.put(TableKeys.TTL, AttributeValues.n(now.plus(keep).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /** Records a failed check of the person of {@code personPk}. */
    public void recordFailure(String personPk, Instant now, Duration keep) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(personPk, failureSk(now, UUID.randomUUID())));
        item.put(TableKeys.TTL, AttributeValues.n(now.plus(keep).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /** When the person's failed checks since {@code since} happened, oldest first. */
    public List<Instant> failuresSince(String personPk, Instant since) {
        List<Instant> failures = new ArrayList<>();
        dynamoDb.queryPaginator(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValues.s(personPk),
                                ":from", AttributeValues.s(FAILURE_PREFIX + millis(since)),
                                ":to", AttributeValues.s(FAILURE_PREFIX + "~")))
                        .consistentRead(true)
                        .build())
                .items()
                .forEach(item ->
                        failures.add(Instant.ofEpochMilli(Long.parseLong(AttributeValues.str(item, TableKeys.SK)
                                .substring(FAILURE_PREFIX.length(), FAILURE_PREFIX.length() + 13)))));
        return failures;
    }

    /**
     * Deletes every version of the images of the sessions recorded in {@code partition} (rows of a person's partition;
     * rows of other kinds are passed over): as the person's erasure reads and deletes the partition's rows itself.
     *
     * @return how many image versions were deleted
     */
    public long eraseImages(List<Map<String, AttributeValue>> partition) {
        long versions = 0;
        for (Map<String, AttributeValue> row : partition) {
            String sk = AttributeValues.str(row, TableKeys.SK);
            if (sk != null && sk.startsWith(SESSION_PREFIX)) {
                for (String key : AttributeValues.strings(row, "imageKeys")) {
                    versions += objects.deleteAll(key, () -> true);
                }
            }
        }
        return versions;
    }

    private static String failureSk(Instant at, UUID random) {
        return FAILURE_PREFIX + millis(at) + "#" + random;
    }

    /** Epoch milliseconds, 13 digits (until the year 2286): sorts as text. */
    private static String millis(Instant at) {
        return String.format("%013d", at.toEpochMilli());
    }
}
