package dev.facerec.twin.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A bucket's notification configuration as S3's {@code PutBucketNotificationConfiguration} (and CDK's
 * {@code Custom::S3BucketNotifications}) takes it. The twin delivers to Lambda functions and SQS queues; topic and
 * EventBridge targets are errors naming what is not supported.
 */
public final class NotificationConfiguration {

    private NotificationConfiguration() {}

    /** The Lambda and queue targets of a configuration document. */
    public static BucketTargets parse(JsonNode configuration) {
        for (String unsupported : List.of("TopicConfigurations", "EventBridgeConfiguration")) {
            JsonNode entries = configuration.get(unsupported);
            if (entries != null && !(entries.isArray() && entries.isEmpty())) {
                throw new IllegalArgumentException("the twin delivers S3 notifications to Lambda functions and SQS "
                        + "queues only; " + unsupported + " is not supported");
            }
        }
        List<LambdaTarget> lambdas = new ArrayList<>();
        for (JsonNode entry : configuration.path("LambdaFunctionConfigurations")) {
            Entry parsed = Entry.of(entry, "LambdaFunctionArn");
            lambdas.add(new LambdaTarget(parsed.id, parsed.arn, parsed.events, parsed.prefix, parsed.suffix));
        }
        List<QueueTarget> queues = new ArrayList<>();
        for (JsonNode entry : configuration.path("QueueConfigurations")) {
            Entry parsed = Entry.of(entry, "QueueArn");
            queues.add(new QueueTarget(parsed.id, parsed.arn, parsed.events, parsed.prefix, parsed.suffix));
        }
        return new BucketTargets(lambdas, queues);
    }

    /** The parts every kind of configuration entry has. */
    private record Entry(String id, String arn, List<String> events, String prefix, String suffix) {

        static Entry of(JsonNode entry, String arnField) {
            List<String> events = new ArrayList<>();
            entry.path("Events").forEach(event -> events.add(event.asText()));
            String prefix = "";
            String suffix = "";
            for (JsonNode rule : entry.path("Filter").path("Key").path("FilterRules")) {
                String name = rule.path("Name").asText();
                if ("prefix".equalsIgnoreCase(name)) {
                    prefix = rule.path("Value").asText();
                } else if ("suffix".equalsIgnoreCase(name)) {
                    suffix = rule.path("Value").asText();
                } else {
                    throw new IllegalArgumentException("unknown S3 notification filter rule " + name);
                }
            }
            String arn = entry.path(arnField).asText();
            if (arn.isEmpty()) {
                throw new IllegalArgumentException("an S3 notification configuration entry lacks its " + arnField);
            }
            String id = entry.hasNonNull("Id")
                    ? entry.get("Id").asText()
                    : UUID.nameUUIDFromBytes((arn + events + prefix + suffix).getBytes(StandardCharsets.UTF_8))
                            .toString();
            return new Entry(id, arn, events, prefix, suffix);
        }
    }
}
