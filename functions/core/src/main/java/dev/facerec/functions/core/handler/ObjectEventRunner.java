package dev.facerec.functions.core.handler;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.status.StaleObjectException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.Claim;
import dev.facerec.functions.core.table.ClaimCondition;
import dev.facerec.functions.core.table.ClaimOutcome;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.table.StatusStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/**
 * Runs a function's work on one event inside a claim: duplicates and out-of-order events are skipped, rejections
 * and stale objects end in their status rows, a non-retryable Rekognition error ends as REJECTED, and anything else
 * releases the claim and is rethrown so that Lambda retries the event.
 */
public final class ObjectEventRunner {

    /** The outcome of an invocation whose object another invocation took over before it finished. */
    public static final String SUPERSEDED = "SUPERSEDED";

    /** The outcome of an event whose claim's {@link ClaimCondition condition} failed: nothing was written. */
    public static final String IGNORED = "IGNORED";

    private final StatusStore store;
    private final Function<S3ObjectEvent, List<ClaimCondition>> conditions;

    public ObjectEventRunner(StatusStore store) {
        this(store, event -> List.of());
    }

    /**
     * @param conditions what must hold for an event's object to be claimed, checked with the claim in one transaction
     *     (e.g. that its person is not being erased); an event whose condition fails ends {@link #IGNORED}
     */
    public ObjectEventRunner(StatusStore store, Function<S3ObjectEvent, List<ClaimCondition>> conditions) {
        this.store = store;
        this.conditions = conditions;
    }

    /**
     * Processes one event and returns its outcome: the final status, or {@code DUPLICATE} / {@code OUT_OF_ORDER}.
     *
     * @throws RuntimeException a retryable failure, after releasing the claim
     */
    public String run(S3ObjectEvent event, String kind, Duration lease, OutcomeLog log, ObjectWork work) {
        return run(event, kind, lease, log, work, UnaryOperator.identity());
    }

    /**
     * As {@link #run(S3ObjectEvent, String, Duration, OutcomeLog, ObjectWork)}, with {@code finisher} applied to every status
     * change before it is written (e.g. to give every row of a kind a TTL).
     */
    public String run(
            S3ObjectEvent event,
            String kind,
            Duration lease,
            OutcomeLog log,
            ObjectWork work,
            UnaryOperator<StatusChange> finisher) {
        Claim claim = store.claim(event, kind, lease, conditions.apply(event));
        if (claim.outcome() == ClaimOutcome.IGNORED) {
            // An expected race: the erasure came between an earlier check and this claim.
            log.outcome(event.eventName(), event.bucket(), event.key(), IGNORED, claim.ignoredBecause());
            return IGNORED;
        }
        if (!claim.claimed()) {
            log.outcome(
                    event.eventName(),
                    event.bucket(),
                    event.key(),
                    claim.outcome().name(),
                    null);
            return claim.outcome().name();
        }
        StatusChange change;
        try {
            change = work.process(claim);
        } catch (RejectedException rejection) {
            change = StatusChange.rejected(rejection);
        } catch (StaleObjectException stale) {
            change = StatusChange.to(ObjectStatus.STALE)
                    .set(StatusAttributes.DETAIL, AttributeValues.s(stale.getMessage()));
        } catch (RekognitionException error) {
            if (RekognitionErrors.isRetryable(error)) {
                return supersededOrRetry(claim, error, log);
            }
            change = StatusChange.rejected(RekognitionErrors.toRejection(error));
        } catch (RuntimeException error) {
            return supersededOrRetry(claim, error, log);
        }
        change = finisher.apply(change);
        try {
            store.finish(claim, change);
        } catch (RuntimeException error) {
            return supersededOrRetry(claim, error, log);
        }
        String reason = AttributeValues.str(change.set(), StatusAttributes.REASON);
        log.outcome(
                event.eventName(), event.bucket(), event.key(), change.status().name(), reason);
        return change.status().name();
    }

    /**
     * After a failure: when a newer event of the object (or a later attempt) has taken the object over meanwhile, this
     * invocation's work is moot: that is a race the design expects, which ends here as {@code SUPERSEDED}, logged
     * once, without an error (what this invocation indexed is either recorded on the row, for the newer event to
     * remove, or already deleted again). Otherwise the claim is released and the error rethrown for Lambda to retry.
     */
    private String supersededOrRetry(Claim claim, RuntimeException error, OutcomeLog log) {
        if (store.leaseLost(claim)) {
            S3ObjectEvent event = claim.event();
            log.outcome(event.eventName(), event.bucket(), event.key(), SUPERSEDED, null);
            return SUPERSEDED;
        }
        throw retry(claim, error, log);
    }

    private RuntimeException retry(Claim claim, RuntimeException error, OutcomeLog log) {
        store.release(claim);
        S3ObjectEvent event = claim.event();
        log.retrying(event.eventName(), event.bucket(), event.key(), error);
        return error;
    }
}
