package dev.facerec.twin.notifications;

import java.util.List;
import java.util.Locale;

/**
 * One destination of a bucket's notification configuration: which events, under which key prefix and suffix, go
 * where. S3 puts the configuration's id in every event it sends ({@code configurationId}).
 */
public sealed interface NotificationTarget permits LambdaTarget, QueueTarget {

    /** The configuration id. */
    String id();

    /** The ARN of the function or queue the events go to. */
    String destinationArn();

    /** Event types such as {@code s3:ObjectCreated:*} or {@code s3:ObjectRemoved:Delete}. */
    List<String> events();

    /** The key prefix filter ({@code ""} for none). */
    String prefix();

    /** The key suffix filter ({@code ""} for none). */
    String suffix();

    /** Whether an event (e.g. {@code ObjectCreated:Put}) on a key is one this target wants. */
    default boolean matches(String eventName, String key) {
        return key.startsWith(prefix())
                && key.endsWith(suffix())
                && events().stream().anyMatch(pattern -> matchesPattern(pattern, eventName));
    }

    private static boolean matchesPattern(String pattern, String eventName) {
        String wanted = pattern.startsWith("s3:") ? pattern.substring(3) : pattern;
        if (wanted.endsWith(":*")) {
            String family = wanted.substring(0, wanted.length() - 1).toLowerCase(Locale.ROOT);
            return eventName.toLowerCase(Locale.ROOT).startsWith(family);
        }
        return wanted.equalsIgnoreCase(eventName);
    }
}
