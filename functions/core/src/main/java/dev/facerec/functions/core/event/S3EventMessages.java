package dev.facerec.functions.core.event;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The S3 event notification in the body of an SQS message (S3 sends one record per message), read with the SDK's
 * small JSON parser into the event library's {@link S3Event}, so that {@link S3EventRecords} turns it into records
 * exactly as for an event Lambda delivers directly. The {@code s3:TestEvent} message has no {@code Records} and
 * yields none.
 */
public final class S3EventMessages {

    private S3EventMessages() {}

    /**
     * The object records of one message body.
     *
     * @throws IllegalArgumentException when the body is not JSON, not an S3 event notification, or a record lacks
     *     its event name, bucket or key
     */
    public static List<S3ObjectEvent> records(String body) {
        JsonNode root;
        try {
            root = JsonNode.parser().parse(body == null ? "" : body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the message body is not JSON", e);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("the message body is not an S3 event notification");
        }
        JsonNode records = root.asObject().get("Records");
        if (records == null || records.isNull()) {
            if (root.asObject().containsKey("Event")) {
                return List.of();
            }
            throw new IllegalArgumentException("the message body is not an S3 event notification");
        }
        if (!records.isArray()) {
            throw new IllegalArgumentException("the message body's Records is not a list");
        }
        List<S3EventNotificationRecord> parsed = new ArrayList<>();
        for (JsonNode record : records.asArray()) {
            parsed.add(record(fields(record)));
        }
        return S3EventRecords.of(new S3Event(parsed));
    }

    private static S3EventNotificationRecord record(Map<String, JsonNode> record) {
        Map<String, JsonNode> s3 = fields(record.get("s3"));
        Map<String, JsonNode> bucket = fields(s3.get("bucket"));
        Map<String, JsonNode> object = fields(s3.get("object"));
        JsonNode size = object.get("size");
        return new S3EventNotificationRecord(
                text(record, "awsRegion"),
                text(record, "eventName"),
                text(record, "eventSource"),
                text(record, "eventTime"),
                text(record, "eventVersion"),
                null,
                null,
                new S3Entity(
                        text(s3, "configurationId"),
                        new S3BucketEntity(text(bucket, "name"), null, text(bucket, "arn")),
                        new S3ObjectEntity(
                                text(object, "key"),
                                size == null || !size.isNumber() ? null : Long.valueOf(size.asNumber()),
                                text(object, "eTag"),
                                text(object, "versionId"),
                                text(object, "sequencer")),
                        text(s3, "s3SchemaVersion")),
                null);
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        return node != null && node.isObject() ? node.asObject() : Map.of();
    }

    private static String text(Map<String, JsonNode> fields, String name) {
        JsonNode value = fields.get(name);
        return value != null && value.isString() ? value.asString() : null;
    }
}
