package dev.facerec.functions.core.retention;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.table.UpdateSpec;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Gives a last interaction ({@link Interactions}) to the person rows written before interactions were recorded:
 * without one they are not in the sparse {@value Interactions#INDEX} index, and the retention schedule would never
 * erase them. Such a row gets the time of the person's newest enrolment (the newest {@code indexedAt} of their face
 * rows), else the row's own {@code updatedAt} or {@code createdAt}, else the backfill's time (the person is then kept
 * for the retention from now on).
 *
 * <p>Finding them takes one Scan of the table (no index can list rows by an attribute they lack), done once: segment by
 * segment ({@value #SEGMENTS} of them) while the run has time, the next segment saved after each ({@code pk =
 * RETENTION}, {@code sk = BACKFILL}: a number, never a key, which could name a person), so the next run goes on from
 * there; at the end the row says {@code DONE} and no run scans again. Rows written since
 * always carry an interaction time, so nothing is missed after that.
 */
public final class InteractionBackfill {

    /** The state row's sort key. */
    public static final String SK = "BACKFILL";
    /** The state row's {@code state} once the scan has been through the whole table. */
    public static final String DONE = "DONE";

    private static final Map<String, AttributeValue> STATE = TableKeys.key("RETENTION", SK);
    /** The scan's segments: the unit the backfill resumes from (a segment cut short is scanned again). */
    static final int SEGMENTS = 32;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public InteractionBackfill(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * What one run did.
     *
     * @param given  how many person rows got an interaction time
     * @param oldest the month of the oldest interaction given, or {@code null} when none was
     * @param done   whether the backfill is complete (now or in an earlier run)
     */
    public record Outcome(long given, YearMonth oldest, boolean done) {}

    /** Goes on with the backfill while {@code timeLeft}; {@code now} is the time given to rows with no time at all. */
    public Outcome run(Instant now, BooleanSupplier timeLeft) {
        Map<String, AttributeValue> state = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(STATE))
                .item();
        if (DONE.equals(AttributeValues.str(state, "state"))) {
            return new Outcome(0, null, true);
        }
        long given = 0;
        YearMonth oldest = null;
        for (int segment = (int) AttributeValues.num(state, "segment", 0); segment < SEGMENTS; segment++) {
            if (!timeLeft.getAsBoolean()) {
                return new Outcome(given, oldest, false);
            }
            Map<String, AttributeValue> start = null;
            do {
                ScanResponse page = page(segment, start);
                for (Map<String, AttributeValue> person : page.items()) {
                    Instant last = lastEnrolment(person, now);
                    if (give(person, last)) {
                        given++;
                        YearMonth month = Interactions.monthOf(last);
                        oldest = oldest == null || month.isBefore(oldest) ? month : oldest;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            save(segment + 1);
        }
        return new Outcome(given, oldest, true);
    }

    private ScanResponse page(int segment, Map<String, AttributeValue> start) {
        return dynamoDb.scan(b -> b.tableName(table)
                .segment(segment)
                .totalSegments(SEGMENTS)
                .consistentRead(true)
                .filterExpression("#sk = :profile AND attribute_not_exists(#last)")
                .projectionExpression("#pk, #created, #updated")
                .expressionAttributeNames(Map.of(
                        "#pk", TableKeys.PK,
                        "#sk", TableKeys.SK,
                        "#last", Interactions.LAST,
                        "#created", "createdAt",
                        "#updated", "updatedAt"))
                .expressionAttributeValues(Map.of(":profile", AttributeValues.s(TableKeys.PROFILE)))
                .exclusiveStartKey(start));
    }

    /** The newest {@code indexedAt} of the person's face rows, else the row's own times, else {@code now}. */
    private Instant lastEnrolment(Map<String, AttributeValue> person, Instant now) {
        Instant newest = null;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var faces = dynamoDb.query(b -> b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :face)")
                    .projectionExpression("indexedAt")
                    .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
                    .expressionAttributeValues(
                            Map.of(":pk", person.get(TableKeys.PK), ":face", AttributeValues.s(TableKeys.FACE_PREFIX)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> face : faces.items()) {
                Instant indexed = instant(AttributeValues.str(face, "indexedAt"));
                newest = indexed != null && (newest == null || indexed.isAfter(newest)) ? indexed : newest;
            }
            start = faces.hasLastEvaluatedKey() && !faces.lastEvaluatedKey().isEmpty()
                    ? faces.lastEvaluatedKey()
                    : null;
        } while (start != null);
        if (newest == null) {
            newest = instant(AttributeValues.str(person, "updatedAt"));
        }
        if (newest == null) {
            newest = instant(AttributeValues.str(person, "createdAt"));
        }
        return newest == null ? now : newest;
    }

    /** Records {@code last} on the person row, unless it was erased or got an interaction meanwhile. */
    private boolean give(Map<String, AttributeValue> person, Instant last) {
        UpdateSpec update = Interactions.touch(new UpdateSpec(), last);
        update.condition("attribute_exists(" + update.name(TableKeys.PK) + ") AND attribute_not_exists("
                + update.name(Interactions.LAST) + ")");
        try {
            dynamoDb.updateItem(update.toRequest(
                            table, TableKeys.key(AttributeValues.str(person, TableKeys.PK), TableKeys.PROFILE))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException meanwhile) {
            return false;
        }
    }

    /** Saves how far the backfill got: the next segment (never a key, which could name a person), or DONE. */
    private void save(int nextSegment) {
        Map<String, AttributeValue> item = new HashMap<>(STATE);
        item.put("state", AttributeValues.s(nextSegment >= SEGMENTS ? DONE : "RUNNING"));
        item.put("segment", AttributeValues.n(nextSegment));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
