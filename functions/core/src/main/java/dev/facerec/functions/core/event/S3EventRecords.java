package dev.facerec.functions.core.event;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of an {@link S3Event} as the Lambda runtime deserialized it, in the functions' own terms. The key is
 * form-decoded by the event library ({@code +} is a space). The {@code s3:TestEvent} message that S3 sends when a
 * notification configuration is created has no {@code Records}: it yields no records.
 */
public final class S3EventRecords {

    private S3EventRecords() {}

    /**
     * The object records in delivery order (empty for the test event).
     *
     * @throws IllegalArgumentException when a record does not come from S3 or lacks its event name, bucket or key
     */
    public static List<S3ObjectEvent> of(S3Event event) {
        List<S3EventNotificationRecord> records = event == null ? null : event.getRecords();
        if (records == null) {
            return List.of();
        }
        List<S3ObjectEvent> events = new ArrayList<>(records.size());
        for (S3EventNotificationRecord record : records) {
            events.add(toEvent(record));
        }
        return events;
    }

    private static S3ObjectEvent toEvent(S3EventNotificationRecord record) {
        String source = orEmpty(record.getEventSource());
        if (!source.isEmpty() && !"aws:s3".equals(source)) {
            throw new IllegalArgumentException("not an S3 record: eventSource '" + source + "'");
        }
        String eventName = orEmpty(record.getEventName());
        if (eventName.startsWith("s3:")) {
            eventName = eventName.substring(3);
        }
        if (eventName.isEmpty()) {
            throw new IllegalArgumentException("S3 record without an eventName");
        }
        S3Entity s3 = record.getS3();
        S3BucketEntity bucket = s3 == null ? null : s3.getBucket();
        S3ObjectEntity object = s3 == null ? null : s3.getObject();
        String bucketName = bucket == null ? "" : orEmpty(bucket.getName());
        if (bucketName.isEmpty() || object == null || orEmpty(object.getKey()).isEmpty()) {
            throw new IllegalArgumentException("S3 record without a bucket name or object key");
        }
        Long size = object.getSizeAsLong();
        return new S3ObjectEvent(
                eventName,
                bucketName,
                object.getUrlDecodedKey(),
                size == null ? 0L : size,
                emptyToNull(unquote(object.geteTag())),
                emptyToNull(object.getVersionId()),
                emptyToNull(object.getSequencer()),
                record.getEventTime() == null
                        ? null
                        : Instant.ofEpochMilli(record.getEventTime().getMillis()));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** Strips the double quotes S3 puts around ETags in some places. */
    private static String unquote(String eTag) {
        if (eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")) {
            return eTag.substring(1, eTag.length() - 1);
        }
        return eTag;
    }
}
