package dev.facerec.functions.core.retention;

import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The retention schedule's work: erases, through {@link PersonErasure}, every person whose last interaction
 * ({@link Interactions}) is older than the retention. It reads the retention index month by month, from a cursor
 * (the oldest month that may still hold someone, {@code pk = RETENTION}, {@code sk = CURSOR}) up to the month of
 * the cut-off, each a Query of the people due: its cost follows the people erased, not the table. It stops when
 * {@code timeLeft} says so and saves the cursor; the next run goes on from there (erased people have left the index).
 * Without a cursor, the first run starts {@link #FIRST_LOOKBACK} months before the cut-off: interactions are
 * recorded from the first deployment with the retention schedule on, whose first daily run finds nobody due and saves
 * the cursor, so only rows written by hand (or restored from a backup) can be older. Person rows written before
 * interactions were recorded get one first ({@link InteractionBackfill}, once), and the run starts from the oldest
 * month given when that is earlier.
 */
public final class RetentionSweep {

    /** How many months before the cut-off a first run (no cursor yet) looks. */
    public static final int FIRST_LOOKBACK = 36;

    private static final Map<String, AttributeValue> CURSOR = TableKeys.key("RETENTION", "CURSOR");
    private static final String CURSOR_MONTH = "month";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;
    private final PersonErasure erasure;
    private final Function<String, Tenant> tenants;
    private final InteractionBackfill backfill;

    /**
     * @param retention how long after their last interaction people are kept
     * @param tenants   the tenant of a tenant id ({@code null} for the shared collection)
     */
    public RetentionSweep(
            DynamoDbClient dynamoDb,
            String table,
            Duration retention,
            PersonErasure erasure,
            Function<String, Tenant> tenants) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the enrolment retention must be positive, got " + retention);
        }
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
        this.erasure = erasure;
        this.tenants = tenants;
        this.backfill = new InteractionBackfill(dynamoDb, table);
    }

    /**
     * What one run did.
     *
     * @param backfilled how many person rows written before interactions were recorded got one ({@link
     *     InteractionBackfill})
     */
    public record Run(Instant cutoff, long erased, long busy, long invalid, long backfilled, boolean complete) {}

    /** Erases everyone due at {@code now}, while {@code timeLeft}. */
    public Run run(Instant now, BooleanSupplier timeLeft) {
        Instant cutoff = now.minus(retention);
        YearMonth last = Interactions.monthOf(cutoff);
        InteractionBackfill.Outcome backfilled = backfill.run(now, timeLeft);
        YearMonth month = cursor(last);
        if (backfilled.oldest() != null && backfilled.oldest().isBefore(month)) {
            // Rows given an interaction just now can be older than where the last run stopped.
            month = backfilled.oldest();
        }
        long erased = 0;
        long busy = 0;
        long invalid = 0;
        boolean complete = true;
        while (!month.isAfter(last)) {
            long busyBefore = busy;
            Map<String, AttributeValue> start = null;
            do {
                if (!timeLeft.getAsBoolean()) {
                    complete = false;
                    break;
                }
                QueryResponse page = due(month, cutoff, start);
                for (Map<String, AttributeValue> person : page.items()) {
                    try {
                        Tenant tenant = tenants.apply(AttributeValues.str(person, Tenant.ATTRIBUTE));
                        erasure.erase(
                                tenant, AttributeValues.str(person, "personId"), ErasureReceipt.RETENTION_SCHEDULE);
                        erased++;
                    } catch (ObjectBusyException enrolling) {
                        busy++;
                    } catch (RejectedException badTenant) {
                        invalid++;
                    }
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey()
                        : null;
            } while (start != null);
            if (!complete || busy > busyBefore) {
                complete = false;
                break;
            }
            month = month.plusMonths(1);
        }
        saveCursor(month.isAfter(last) ? last : month);
        return new Run(cutoff, erased, busy, invalid, backfilled.given(), complete && backfilled.done());
    }

    private QueryResponse due(YearMonth month, Instant cutoff, Map<String, AttributeValue> start) {
        return dynamoDb.query(b -> b.tableName(table)
                .indexName(Interactions.INDEX)
                .keyConditionExpression("#month = :month AND #last < :cutoff")
                .expressionAttributeNames(Map.of("#month", Interactions.MONTH, "#last", Interactions.LAST))
                .expressionAttributeValues(Map.of(
                        ":month", AttributeValues.s(Interactions.monthPartition(month)),
                        ":cutoff", AttributeValues.n(cutoff.toEpochMilli())))
                .exclusiveStartKey(start));
    }

    private YearMonth cursor(YearMonth last) {
        Map<String, AttributeValue> row = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(CURSOR))
                .item();
        String saved = AttributeValues.str(row, CURSOR_MONTH);
        return saved != null ? YearMonth.parse(saved) : last.minusMonths(FIRST_LOOKBACK);
    }

    private void saveCursor(YearMonth month) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(CURSOR);
        item.put(CURSOR_MONTH, AttributeValues.s(month.toString()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }
}
