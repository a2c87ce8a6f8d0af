package dev.facerec.functions.core.table;

import static dev.facerec.functions.core.table.StatusAttributes.BUCKET;
import static dev.facerec.functions.core.table.StatusAttributes.CONTENT;
import static dev.facerec.functions.core.table.StatusAttributes.DETAIL;
import static dev.facerec.functions.core.table.StatusAttributes.ERROR_CODE;
import static dev.facerec.functions.core.table.StatusAttributes.ETAG;
import static dev.facerec.functions.core.table.StatusAttributes.EVENT_NAME;
import static dev.facerec.functions.core.table.StatusAttributes.KIND;
import static dev.facerec.functions.core.table.StatusAttributes.LEASE_ID;
import static dev.facerec.functions.core.table.StatusAttributes.LEASE_UNTIL;
import static dev.facerec.functions.core.table.StatusAttributes.OBJECT_KEY;
import static dev.facerec.functions.core.table.StatusAttributes.REASON;
import static dev.facerec.functions.core.table.StatusAttributes.REVISION;
import static dev.facerec.functions.core.table.StatusAttributes.SEQUENCER;
import static dev.facerec.functions.core.table.StatusAttributes.SIZE;
import static dev.facerec.functions.core.table.StatusAttributes.STATUS;
import static dev.facerec.functions.core.table.StatusAttributes.UPDATED_AT;
import static dev.facerec.functions.core.table.StatusAttributes.VERSION_ID;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The status row of each object, and the conditional writes that make duplicate and out-of-order S3 events leave
 * exactly one set of rows.
 *
 * <p>An invocation first <em>claims</em> the object: one conditional update that succeeds only when the event's
 * sequencer is newer than the row's (or equal, with other content, when S3 sent no sequencer), or when an earlier
 * attempt of the same event left an expired or released lease. The row then holds a lease id; every later write
 * of the invocation is conditional on it, and the final write changes the status and the other rows in one
 * transaction.
 */
public final class StatusStore {

    private static final int CONDITIONED_ATTEMPTS = 5;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final UnaryOperator<String> tenantOfKey;

    public StatusStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this(dynamoDb, table, clock, key -> null);
    }

    /**
     * @param tenantOfKey the tenant id of an object key, recorded on its status row ({@code null}: none)
     */
    public StatusStore(DynamoDbClient dynamoDb, String table, Clock clock, UnaryOperator<String> tenantOfKey) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.tenantOfKey = tenantOfKey;
    }

    /**
     * Tries to take the object of {@code event} for {@code lease}.
     *
     * @param kind what the object is ({@code ENROLL}, {@code RECOGNIZE}), recorded on the row
     * @throws ObjectBusyException when another invocation holds a live lease on the same event
     */
    public Claim claim(S3ObjectEvent event, String kind, Duration lease) {
        String leaseId = UUID.randomUUID().toString();
        long now = clock.millis();
        UpdateSpec update = claimUpdate(event, kind, lease, leaseId, now);
        update.condition(claimCondition(update, event, now));
        Map<String, AttributeValue> key = TableKeys.statusKey(event.bucket(), event.key());
        try {
            Map<String, AttributeValue> previous = dynamoDb.updateItem(update.toRequest(table, key)
                            .returnValues(ReturnValue.ALL_OLD)
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                            .build())
                    .attributes();
            return new Claim(ClaimOutcome.CLAIMED, event, leaseId, previous == null ? Map.of() : previous);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> current = e.hasItem() ? e.item() : currentRow(key);
            return refused(event, current, now);
        }
    }

    /**
     * As {@link #claim(S3ObjectEvent, String, Duration)}, and only while every one of {@code conditions} holds, checked
     * in the same transaction as the claim's write: when one fails, nothing is written and the claim is {@link
     * ClaimOutcome#IGNORED} with that condition's reason. (A transaction returns no old item: the row is read first
     * and written only while it is still at that {@link StatusAttributes#REVISION revision}, read again when not.)
     *
     * @throws ObjectBusyException when another invocation holds a live lease on the same event, or the row kept
     *     changing
     */
    public Claim claim(S3ObjectEvent event, String kind, Duration lease, List<ClaimCondition> conditions) {
        if (conditions.isEmpty()) {
            return claim(event, kind, lease);
        }
        Map<String, AttributeValue> key = TableKeys.statusKey(event.bucket(), event.key());
        for (int attempt = 0; attempt < CONDITIONED_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> previous = currentRow(key);
            String leaseId = UUID.randomUUID().toString();
            long now = clock.millis();
            UpdateSpec update = claimUpdate(event, kind, lease, leaseId, now);
            update.condition("(" + claimCondition(update, event, now) + ") AND " + sameRevision(update, previous));
            List<TransactWriteItem> items = new ArrayList<>();
            conditions.forEach(condition -> items.add(TransactWriteItem.builder()
                    .conditionCheck(condition.check())
                    .build()));
            Update claim = update.toTransactionUpdate(table, key).toBuilder()
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
            items.add(TransactWriteItem.builder().update(claim).build());
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return new Claim(ClaimOutcome.CLAIMED, event, leaseId, previous);
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                for (int i = 0; i < conditions.size() && i < reasons.size(); i++) {
                    if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                        return new Claim(
                                ClaimOutcome.IGNORED,
                                event,
                                null,
                                Map.of(),
                                conditions.get(i).reason());
                    }
                }
                CancellationReason own = reasons.size() > conditions.size() ? reasons.get(conditions.size()) : null;
                if (own != null && CONDITION_FAILED.equals(own.code())) {
                    Map<String, AttributeValue> current = own.hasItem() ? own.item() : currentRow(key);
                    if (Objects.equals(AttributeValues.str(current, REVISION), AttributeValues.str(previous, REVISION))
                            && current.isEmpty() == previous.isEmpty()) {
                        return refused(event, current, now);
                    }
                }
                // The row changed since it was read, or a concurrent transaction touched an item: read again.
            }
        }
        throw new ObjectBusyException("the status row of this object kept changing; retry later");
    }

    /** The claim's write: the event's sequencer and content, status PROCESSING, the lease. */
    private UpdateSpec claimUpdate(S3ObjectEvent event, String kind, Duration lease, String leaseId, long now) {
        UpdateSpec update = new UpdateSpec()
                .set(SEQUENCER, AttributeValues.s(event.orderingKey()))
                .set(CONTENT, AttributeValues.s(event.contentIdentity()))
                .set(STATUS, AttributeValues.s(ObjectStatus.PROCESSING.name()))
                .set(LEASE_ID, AttributeValues.s(leaseId))
                .set(LEASE_UNTIL, AttributeValues.n(now + lease.toMillis()))
                .set(EVENT_NAME, AttributeValues.s(event.eventName()))
                .set(KIND, AttributeValues.s(kind))
                .set(BUCKET, AttributeValues.s(event.bucket()))
                .set(OBJECT_KEY, AttributeValues.s(event.key()))
                .set(UPDATED_AT, AttributeValues.s(clock.instant().toString()))
                .set(REVISION, AttributeValues.s(UUID.randomUUID().toString()))
                .remove(REASON)
                .remove(DETAIL)
                .remove(ERROR_CODE);
        String tenant = tenantOfKey.apply(event.key());
        if (tenant != null) {
            update.set(Tenant.ATTRIBUTE, AttributeValues.s(tenant));
        }
        return update;
    }

    /**
     * The claim's condition: no row yet, a newer sequencer, the same sequencer with other content (S3 sent none), or
     * an attempt of the same event whose lease ran out.
     */
    private static String claimCondition(UpdateSpec update, S3ObjectEvent event, long now) {
        String seq = update.name(SEQUENCER);
        String content = update.name(CONTENT);
        String status = update.name(STATUS);
        String until = update.name(LEASE_UNTIL);
        String newSeq = update.value(AttributeValues.s(event.orderingKey()));
        String newContent = update.value(AttributeValues.s(event.contentIdentity()));
        return "attribute_not_exists(" + update.name(TableKeys.PK) + ")"
                + " OR " + seq + " < " + newSeq
                + " OR (" + seq + " = " + newSeq + " AND " + content + " <> " + newContent + ")"
                + " OR (" + seq + " = " + newSeq + " AND " + status + " = "
                + update.value(AttributeValues.s(ObjectStatus.PROCESSING.name()))
                + " AND " + until + " < " + update.value(AttributeValues.n(now)) + ")";
    }

    /** That the row is still as {@code read}: absent, or at the same revision. */
    private static String sameRevision(UpdateSpec update, Map<String, AttributeValue> read) {
        if (read.isEmpty()) {
            return "attribute_not_exists(" + update.name(TableKeys.PK) + ")";
        }
        String revision = AttributeValues.str(read, REVISION);
        return revision == null
                ? "attribute_exists(" + update.name(TableKeys.PK) + ") AND attribute_not_exists("
                        + update.name(REVISION) + ")"
                : update.name(REVISION) + " = " + update.value(AttributeValues.s(revision));
    }

    private Claim refused(S3ObjectEvent event, Map<String, AttributeValue> current, long now) {
        String currentSeq = AttributeValues.str(current, SEQUENCER);
        if (currentSeq != null && currentSeq.compareTo(event.orderingKey()) > 0) {
            return new Claim(ClaimOutcome.OUT_OF_ORDER, event, null, current);
        }
        boolean processing = ObjectStatus.PROCESSING.name().equals(AttributeValues.str(current, STATUS));
        if (processing && AttributeValues.num(current, LEASE_UNTIL, 0) >= now) {
            throw new ObjectBusyException("another invocation is processing this object; retry later");
        }
        return new Claim(ClaimOutcome.DUPLICATE, event, null, current);
    }

    private Map<String, AttributeValue> currentRow(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(key)
                        .consistentRead(true)
                        .build())
                .item();
        return item == null ? Map.of() : item;
    }

    /**
     * Writes intermediate state on the status row while the claim is held (e.g. the face ids IndexFaces returned).
     *
     * @throws ConditionalCheckFailedException when the lease was lost
     */
    public void update(Claim claim, UpdateSpec update) {
        guard(claim, update);
        dynamoDb.updateItem(update.toRequest(table, statusKey(claim)).build());
    }

    /** Ends the claim with {@code change}: the status row and the change's other rows in one transaction. */
    public void finish(Claim claim, StatusChange change) {
        S3ObjectEvent event = claim.event();
        UpdateSpec update = new UpdateSpec()
                .set(STATUS, AttributeValues.s(change.status().name()))
                .set(UPDATED_AT, AttributeValues.s(clock.instant().toString()))
                .remove(LEASE_ID)
                .remove(LEASE_UNTIL);
        if (event.isCreated()) {
            setOrRemove(update, VERSION_ID, event.versionId());
            setOrRemove(update, ETAG, event.eTag());
            update.set(SIZE, AttributeValues.n(event.size()));
        }
        change.set().forEach(update::set);
        change.remove().forEach(update::remove);
        guard(claim, update);
        if (change.alsoWrite().isEmpty()) {
            dynamoDb.updateItem(update.toRequest(table, statusKey(claim)).build());
            return;
        }
        List<TransactWriteItem> items = new ArrayList<>(change.alsoWrite());
        items.add(TransactWriteItem.builder()
                .update(update.toTransactionUpdate(table, statusKey(claim)))
                .build());
        dynamoDb.transactWriteItems(
                TransactWriteItemsRequest.builder().transactItems(items).build());
    }

    /**
     * Whether another invocation holds or has finished the object since {@code claim} was taken (its lease id is no
     * longer on the row). A failed read answers {@code false}: the caller then retries, as for any failure.
     */
    public boolean leaseLost(Claim claim) {
        if (!claim.claimed()) {
            return false;
        }
        try {
            Map<String, AttributeValue> row = currentRow(statusKey(claim));
            return !claim.leaseId().equals(AttributeValues.str(row, LEASE_ID));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Gives the object back after a retryable failure, so that the retry can claim it at once. Best effort: when it
     * fails, the lease simply runs out.
     */
    public void release(Claim claim) {
        UpdateSpec update = new UpdateSpec().set(LEASE_UNTIL, AttributeValues.n(0));
        guard(claim, update);
        try {
            dynamoDb.updateItem(update.toRequest(table, statusKey(claim)).build());
        } catch (RuntimeException ignored) {
            // The lease expires on its own; the retry then claims the object.
        }
    }

    private static void guard(Claim claim, UpdateSpec update) {
        if (!claim.claimed()) {
            throw new IllegalStateException("the object was not claimed: " + claim.outcome());
        }
        update.set(REVISION, AttributeValues.s(UUID.randomUUID().toString()));
        update.condition(update.name(LEASE_ID) + " = " + update.value(AttributeValues.s(claim.leaseId())));
    }

    private static void setOrRemove(UpdateSpec update, String name, String value) {
        if (value == null) {
            update.remove(name);
        } else {
            update.set(name, AttributeValues.s(value));
        }
    }

    private static Map<String, AttributeValue> statusKey(Claim claim) {
        return TableKeys.statusKey(claim.event().bucket(), claim.event().key());
    }
}
