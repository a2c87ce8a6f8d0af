package dev.facerec.twin.events;

/**
 * One target of a rule.
 *
 * @param id the target's id within the rule
 * @param arn a Lambda function's or an SQS queue's ARN
 * @param input constant JSON sent instead of the event, or {@code null}
 * @param inputPath a path ({@code $} or {@code $.a.b}) of the part of the event to send, or {@code null}
 */
public record RuleTarget(String id, String arn, String input, String inputPath) {}
