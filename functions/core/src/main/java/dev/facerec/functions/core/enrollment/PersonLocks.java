package dev.facerec.functions.core.enrollment;

import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A lease on one person ({@code pk = PERSON#<personId>}, {@code sk = LOCK}), held by an enrolment event from
 * before it touches the person's faces until the transaction that ends it. Without it, deleting a person's last
 * photo while a new photo of the same person is enrolled could delete the Rekognition user the new face had just
 * been associated with: the removal reads a face count that does not include the new face yet.
 *
 * <p>Taken with a conditional put (free, or its lease ran out); given back by a conditional delete inside the final
 * transaction, or at once after a failure. An invocation that dies holding it blocks the person until its lease
 * (the invocation's remaining time) runs out; the item also carries a TTL so that DynamoDB removes it in the end.
 */
public final class PersonLocks {

    /** The sort key of the lock item. */
    public static final String SK = "LOCK";

    private static final String LOCK_ID = "lockId";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(400);
    private static final Duration TTL_MARGIN = Duration.ofDays(1);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration patience;

    /**
     * @param patience how long {@link #acquire} waits for another holder before giving up
     */
    public PersonLocks(DynamoDbClient dynamoDb, String table, Clock clock, Duration patience) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.patience = patience;
    }

    /** A lock held on a person. */
    public record Held(String personPk, String lockId) {}

    /**
     * Takes the lock of {@code personId} of {@code tenant} for {@code lease}, waiting while another invocation holds
     * it.
     *
     * @throws ObjectBusyException when it is still held after the patience given to the constructor (retryable)
     */
    public Held acquire(Tenant tenant, String personId, Duration lease) {
        String personPk = tenant.personPk(personId);
        String lockId = UUID.randomUUID().toString();
        long giveUpAt = clock.millis() + patience.toMillis();
        Duration pause = FIRST_PAUSE;
        while (true) {
            long now = clock.millis();
            try {
                dynamoDb.putItem(b -> b.tableName(table)
                        .item(tenant.tag(new HashMap<>(Map.of(
                                TableKeys.PK,
                                AttributeValues.s(personPk),
                                TableKeys.SK,
                                AttributeValues.s(SK),
                                LOCK_ID,
                                AttributeValues.s(lockId),
                                LEASE_UNTIL,
                                AttributeValues.n(now + lease.toMillis()),
                                TableKeys.TTL,
                                AttributeValues.n((now + lease.plus(TTL_MARGIN).toMillis()) / 1000)))))
                        .conditionExpression("attribute_not_exists(#pk) OR #until < :now")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#until", LEASE_UNTIL))
                        .expressionAttributeValues(Map.of(":now", AttributeValues.n(now))));
                return new Held(personPk, lockId);
            } catch (ConditionalCheckFailedException held) {
                if (clock.millis() + pause.toMillis() > giveUpAt) {
                    throw new ObjectBusyException(
                            "another invocation is changing the enrolment of this person; retry later");
                }
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** The item that gives {@code held} back as part of the final transaction (which fails if the lease was lost). */
    public TransactWriteItem releaseItem(Held held) {
        return TransactWriteItem.builder()
                .delete(Delete.builder()
                        .tableName(table)
                        .key(key(held))
                        .conditionExpression("#lock = :lock")
                        .expressionAttributeNames(Map.of("#lock", LOCK_ID))
                        .expressionAttributeValues(Map.of(":lock", AttributeValues.s(held.lockId())))
                        .build())
                .build();
    }

    /** Gives {@code held} back at once, after a failure. Best effort: otherwise its lease runs out. */
    public void releaseQuietly(Held held) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(releaseItem(held)));
        } catch (RuntimeException ignored) {
            // Already given back, taken over after its lease, or the table is unreachable: the lease runs out.
        }
    }

    private static Map<String, AttributeValue> key(Held held) {
        return TableKeys.key(held.personPk(), SK);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectBusyException("interrupted while waiting for the lock of a person");
        }
    }
}
