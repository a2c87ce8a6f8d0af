package dev.facerec.twin.notifications;

import java.util.List;

/**
 * One entry of a bucket's {@code LambdaFunctionConfigurations}: the function is invoked asynchronously with each
 * matching event.
 *
 * @param id the configuration id (S3's {@code configurationId} in the event)
 * @param functionArn the function to invoke asynchronously
 * @param events event types such as {@code s3:ObjectCreated:*} or {@code s3:ObjectRemoved:Delete}
 * @param prefix the key prefix filter ({@code ""} for none)
 * @param suffix the key suffix filter ({@code ""} for none)
 */
public record LambdaTarget(String id, String functionArn, List<String> events, String prefix, String suffix)
        implements NotificationTarget {

    public LambdaTarget {
        events = List.copyOf(events);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    @Override
    public String destinationArn() {
        return functionArn;
    }
}
