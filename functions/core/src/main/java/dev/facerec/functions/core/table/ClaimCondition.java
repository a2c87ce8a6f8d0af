package dev.facerec.functions.core.table;

import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;

/**
 * A condition on another item that a claim must meet, checked in the same transaction as the claim's write (e.g.
 * that the person the object belongs to is not being erased). When it fails, the claim is {@link
 * ClaimOutcome#IGNORED} with {@code reason}.
 *
 * @param reason what a failure means, logged with the outcome (never names a person)
 * @param check  the condition check
 */
public record ClaimCondition(String reason, ConditionCheck check) {

    public ClaimCondition {
        if (reason == null || reason.isBlank() || check == null) {
            throw new IllegalArgumentException("a claim condition needs a reason and a check");
        }
    }
}
