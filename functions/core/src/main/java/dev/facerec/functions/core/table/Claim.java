package dev.facerec.functions.core.table;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.ObjectStatus;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The result of trying to take an object for one event.
 *
 * @param outcome  whether the event is to be processed, or is a duplicate or out of order
 * @param event    the event
 * @param leaseId  the id that guards every later write of this invocation (only when claimed)
 * @param previous the status row as it was before the claim (empty when there was none)
 * @param ignoredBecause the reason of the failed {@link ClaimCondition} (only when {@link ClaimOutcome#IGNORED})
 */
public record Claim(
        ClaimOutcome outcome,
        S3ObjectEvent event,
        String leaseId,
        Map<String, AttributeValue> previous,
        String ignoredBecause) {

    public Claim(ClaimOutcome outcome, S3ObjectEvent event, String leaseId, Map<String, AttributeValue> previous) {
        this(outcome, event, leaseId, previous, null);
    }

    public boolean claimed() {
        return outcome == ClaimOutcome.CLAIMED;
    }

    /**
     * Whether an earlier invocation claimed the object and neither finished nor gave it back: it crashed or timed
     * out (its lease ran out), or it still runs on an older event that this claim overtook. Whatever such an
     * invocation did after its last write to the status row is unrecorded. (An invocation that failed retryably
     * released its lease, setting it to 0, after recording what it had done.)
     */
    public boolean interruptedAttempt() {
        return claimed()
                && ObjectStatus.PROCESSING.name().equals(previous(StatusAttributes.STATUS))
                && AttributeValues.num(previous, StatusAttributes.LEASE_UNTIL, 0) != 0;
    }

    /** An attribute of the previous status row, or {@code null}. */
    public String previous(String attribute) {
        return AttributeValues.str(previous, attribute);
    }
}
