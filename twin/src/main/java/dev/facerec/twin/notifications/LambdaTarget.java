package dev.facerec.twin.notifications;

import java.util.List;
import java.util.Locale;

/**
 * One entry of a bucket's {@code LambdaFunctionConfigurations}: which events, under which key prefix and suffix,
 * go to which function.
 *
 * @param id the configuration id (S3's {@code configurationId} in the event)
 * @param functionArn the function to invoke asynchronously
 * @param events event types such as {@code s3:ObjectCreated:*} or {@code s3:ObjectRemoved:Delete}
 * @param prefix the key prefix filter ({@code ""} for none)
 * @param suffix the key suffix filter ({@code ""} for none)
 */
public record LambdaTarget(String id, String functionArn, List<String> events, String prefix, String suffix) {

    public LambdaTarget {
        events = List.copyOf(events);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    /** Whether an event (e.g. {@code ObjectCreated:Put}) on a key is one this target wants. */
    public boolean matches(String eventName, String key) {
        return key.startsWith(prefix)
                && key.endsWith(suffix)
                && events.stream().anyMatch(pattern -> matchesPattern(pattern, eventName));
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
