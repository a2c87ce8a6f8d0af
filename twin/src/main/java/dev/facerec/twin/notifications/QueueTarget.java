package dev.facerec.twin.notifications;

import java.util.List;

/**
 * One entry of a bucket's {@code QueueConfigurations}: each matching event is sent to the queue as one message.
 *
 * @param id the configuration id (S3's {@code configurationId} in the event)
 * @param queueArn the queue the messages go to
 * @param events event types such as {@code s3:ObjectCreated:*} or {@code s3:ObjectRemoved:Delete}
 * @param prefix the key prefix filter ({@code ""} for none)
 * @param suffix the key suffix filter ({@code ""} for none)
 */
public record QueueTarget(String id, String queueArn, List<String> events, String prefix, String suffix)
        implements NotificationTarget {

    public QueueTarget {
        events = List.copyOf(events);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
    }

    @Override
    public String destinationArn() {
        return queueArn;
    }
}
