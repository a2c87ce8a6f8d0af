package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.Digests;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.ClaimCondition;
import dev.facerec.functions.core.table.TableKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;

/**
 * The marks an erasure leaves so that nothing of what it erased is written again: deleting objects makes S3 send
 * removal events, which would otherwise write status rows naming the erased keys, and events recorded before the
 * erasure may still be on their way. While a mark says {@code ERASING}, and for events S3 recorded before its
 * {@code erasedAt}, the functions ignore the events of what it covers. A mark is keyed by a hash of what it covers
 * ({@code TENANT#<sha-256>} or {@code ERASED_PERSON#<sha-256>}, {@code ERASURE}), never names it, and expires after {@link #LIFETIME}: past S3's and
 * SQS's longest redelivery of an old event.
 */
public final class ErasureMarkers {

    /** What a mark covers. */
    public enum Kind {
        /** Everything of a tenant (a collection per tenant): {@code TENANT#<sha-256>}. */
        TENANT("TENANT#"),
        /**
         * A person (tenant-qualified with a collection per tenant): {@code ERASED_PERSON#<sha-256>}, apart from the
         * person's own partition {@code PERSON#<personId>}.
         */
        PERSON("ERASED_PERSON#");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Sort key of a mark. */
    public static final String ERASURE = "ERASURE";
    /** The mark's state while the erasure runs. */
    public static final String ERASING = "ERASING";
    /** The mark's state once the erasure finished. */
    public static final String ERASED = "ERASED";
    /** How long a mark outlives its erasure. */
    public static final Duration LIFETIME = Duration.ofDays(15);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public ErasureMarkers(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** The key of the mark of {@code id}. */
    public static Map<String, AttributeValue> key(Kind kind, String id) {
        return TableKeys.key(kind.prefix + Digests.sha256Hex(id), ERASURE);
    }

    /** Marks {@code id} as being erased: its events are ignored from now on. */
    public void begin(Kind kind, String id) {
        put(kind, id, ERASING, null);
    }

    /** Marks the erasure of {@code id} finished: events S3 recorded until now stay ignored, later ones count. */
    public void finish(Kind kind, String id) {
        put(kind, id, ERASED, clock.instant());
    }

    /**
     * Whether {@code event} is covered by the erasure of {@code id}: a mark says ERASING, or S3 recorded the event
     * before the erasure finished (or did not say when). One consistent read.
     */
    public boolean covers(Kind kind, String id, S3ObjectEvent event) {
        Map<String, AttributeValue> mark = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(key(kind, id)))
                .item();
        if (mark == null || mark.isEmpty()) {
            return false;
        }
        if (ERASING.equals(AttributeValues.str(mark, "state")) || event.eventTime() == null) {
            return true;
        }
        return event.eventTime().toEpochMilli() <= AttributeValues.num(mark, "erasedAt", Long.MAX_VALUE);
    }

    /**
     * The condition, for a claim of {@code event}'s object ({@link ClaimCondition}), that the event is not covered by
     * the erasure of {@code id}, as {@link #covers} reads it: no mark, or a finished erasure before S3 recorded the
     * event. Checked in the claim's own transaction, it closes the window between an earlier {@link #covers} and the
     * claim: an erasure that deleted the object's status row meanwhile is never followed by a claim that writes it
     * again.
     *
     * @param reason the outcome's reason when the condition fails ({@code PERSON_ERASED}, {@code TENANT_ERASED})
     */
    public ClaimCondition notCovering(Kind kind, String id, S3ObjectEvent event, String reason) {
        return notCovering(kind, id, event.eventTime(), reason);
    }

    /**
     * The condition that the erasure of {@code id} does not cover what happened at {@code since}: no mark, or an
     * erasure that finished before {@code since} ({@code null}: no mark at all). Recognition checks it for each person
     * it names, with the time it searched the collection, in the transaction that writes the person's mention: a
     * match found before the erasure finished is not written once the erasure has started.
     *
     * @param reason what a failure means ({@code PERSON_ERASED})
     */
    public ClaimCondition notCovering(Kind kind, String id, Instant since, String reason) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", TableKeys.PK));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "attribute_not_exists(#pk)";
        if (since != null) {
            names.put("#state", "state");
            names.put("#erasedAt", "erasedAt");
            values.put(":erased", AttributeValues.s(ERASED));
            values.put(":recorded", AttributeValues.n(since.toEpochMilli()));
            condition += " OR (#state = :erased AND #erasedAt < :recorded)";
        }
        ConditionCheck.Builder check = ConditionCheck.builder()
                .tableName(table)
                .key(key(kind, id))
                .conditionExpression(condition)
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            check.expressionAttributeValues(values);
        }
        return new ClaimCondition(reason, check.build());
    }

    private void put(Kind kind, String id, String state, Instant erasedAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(kind, id));
        item.put("state", AttributeValues.s(state));
        if (erasedAt != null) {
            item.put("erasedAt", AttributeValues.n(erasedAt.toEpochMilli()));
        }
        item.put(TableKeys.TTL, AttributeValues.n(clock.instant().plus(LIFETIME).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }
}
