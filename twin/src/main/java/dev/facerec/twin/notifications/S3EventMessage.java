package dev.facerec.twin.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.s3.ObjectChange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * The JSON S3 sends to a Lambda function, or as the body of an SQS message, for an object change (event structure
 * version 2.1): one record with the event name, the bucket, and the object's key (URL form-encoded, spaces as
 * {@code +}), size, eTag, version id and sequencer. Also the {@code s3:TestEvent} message S3 sends when a
 * configuration is set.
 */
public final class S3EventMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINCIPAL = "AWS:AIDAJDPLRKLG7UEXAMPLE";

    private S3EventMessage() {}

    /** The event for one change. */
    public static String of(ObjectChange change, NotificationTarget target, String region) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        record.put("eventName", change.eventName());
        record.putObject("userIdentity").put("principalId", PRINCIPAL);
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put("x-amz-request-id", requestId())
                .put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", target.id());
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", change.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
        bucket.put("arn", "arn:aws:s3:::" + change.bucket());
        ObjectNode object = s3.putObject("object");
        object.put("key", encodeKey(change.key()));
        if (change.isCreated()) {
            object.put("size", change.size());
            object.put("eTag", change.eTag());
        }
        if (change.versionId() != null) {
            object.put("versionId", change.versionId());
        }
        object.put("sequencer", change.sequencer());
        return root.toString();
    }

    /** The message S3 sends to a destination when a notification configuration is put on a bucket. */
    public static String testEvent(String bucket) {
        return JSON.createObjectNode()
                .put("Service", "Amazon S3")
                .put("Event", "s3:TestEvent")
                .put("Time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .put("Bucket", bucket)
                .put("RequestId", requestId())
                .put("HostId", UUID.randomUUID().toString())
                .toString();
    }

    /** S3's key encoding in events: URL form encoding (space as {@code +}), with {@code /} left as is. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }
}
