package dev.facerec.twin.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A bucket's notification configuration as S3's {@code PutBucketNotificationConfiguration} (and CDK's
 * {@code Custom::S3BucketNotifications}) takes it. The twin delivers to Lambda functions; queue, topic and
 * EventBridge targets are errors naming what is not supported.
 */
public final class NotificationConfiguration {

    private NotificationConfiguration() {}

    /** The Lambda targets of a configuration document. */
    public static List<LambdaTarget> parse(JsonNode configuration) {
        for (String unsupported : List.of("QueueConfigurations", "TopicConfigurations", "EventBridgeConfiguration")) {
            JsonNode entries = configuration.get(unsupported);
            if (entries != null && !(entries.isArray() && entries.isEmpty())) {
                throw new IllegalArgumentException("the twin delivers S3 notifications to Lambda functions only; "
                        + unsupported + " is not supported");
            }
        }
        List<LambdaTarget> targets = new ArrayList<>();
        for (JsonNode entry : configuration.path("LambdaFunctionConfigurations")) {
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
            String arn = entry.path("LambdaFunctionArn").asText();
            String id = entry.hasNonNull("Id")
                    ? entry.get("Id").asText()
                    : UUID.nameUUIDFromBytes((arn + events + prefix + suffix).getBytes(StandardCharsets.UTF_8))
                            .toString();
            targets.add(new LambdaTarget(id, arn, events, prefix, suffix));
        }
        return targets;
    }
}
