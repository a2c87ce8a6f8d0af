package dev.facerec.twin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.sqs.SqsClients;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends an event to a rule's target as EventBridge does: Lambda functions are invoked asynchronously (Lambda's
 * queue and retries then apply), SQS queues get the event as the message body. {@code Input} replaces the event
 * with constant JSON; {@code InputPath} sends a part of it. A failed delivery is logged (rule, target, reason),
 * never retried: the twin has no retry policy or dead-letter queue on targets.
 */
final class TargetDelivery {

    private static final Logger LOG = System.getLogger(TargetDelivery.class.getName());

    private final LambdaService lambda;
    private final SqsClient sqs;

    TargetDelivery(LambdaService lambda, SqsClient sqs) {
        this.lambda = lambda;
        this.sqs = sqs;
    }

    /** Refuses a target the twin cannot deliver to, naming the rule, the target and the reason. */
    static void check(String ruleName, RuleTarget target) {
        String arn = target.arn() == null ? "" : target.arn();
        String service = arn.startsWith("arn:") && arn.split(":").length > 2 ? arn.split(":")[2] : arn;
        if (!service.equals("lambda") && !service.equals("sqs")) {
            throw new IllegalArgumentException("rule " + ruleName + " has target " + target.id() + " of type " + service
                    + " (" + arn + "): the twin delivers to Lambda functions and SQS queues only");
        }
        if (target.inputPath() != null && !target.inputPath().matches("\\$(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("rule " + ruleName + " has target " + target.id() + " with InputPath "
                    + target.inputPath() + ": the twin supports $ and $.name.name paths only");
        }
    }

    void deliver(String ruleName, RuleTarget target, ObjectNode event) {
        try {
            String body = body(target, event);
            if (body == null) {
                LOG.log(
                        Level.WARNING,
                        "rule " + ruleName + " target " + target.id() + ": InputPath " + target.inputPath()
                                + " is not in the event; nothing sent");
                return;
            }
            if (target.arn().startsWith("arn:aws:lambda:")) {
                lambda.invokeAsync(target.arn(), body.getBytes(StandardCharsets.UTF_8));
            } else {
                SqsClients.sendToQueue(sqs, target.arn(), body);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.ERROR,
                    "rule " + ruleName + " cannot deliver an event to target " + target.id() + " (" + target.arn()
                            + "): " + e.getMessage());
        }
    }

    private static String body(RuleTarget target, ObjectNode event) {
        if (target.input() != null) {
            return target.input();
        }
        if (target.inputPath() == null || target.inputPath().equals("$")) {
            return event.toString();
        }
        JsonNode part = event.at(target.inputPath().substring(1).replace('.', '/'));
        return part.isMissingNode() ? null : part.toString();
    }
}
