package dev.facerec.twin.eventsources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event Lambda sends a function for a batch of SQS messages: {@code Records} with {@code messageId},
 * {@code receiptHandle}, {@code body}, {@code attributes} (the message's system attributes as SQS returns them,
 * {@code ApproximateReceiveCount}, {@code SentTimestamp}, {@code SenderId}, {@code ApproximateFirstReceiveTimestamp},
 * and {@code DeadLetterQueueSourceArn} for a message moved to a dead-letter queue), {@code messageAttributes}
 * ({@code stringValue}/{@code binaryValue} base64, {@code stringListValues}, {@code binaryListValues},
 * {@code dataType}), {@code md5OfBody}, {@code md5OfMessageAttributes} when there are attributes,
 * {@code eventSource} {@code aws:sqs}, {@code eventSourceARN} and {@code awsRegion}.
 */
final class SqsLambdaEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsLambdaEvent() {}

    static byte[] of(List<Message> messages, String queueArn, String region) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
            record.put("md5OfBody", message.md5OfBody());
            if (!message.messageAttributes().isEmpty()) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put(
                    "binaryValue",
                    Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues()
                .forEach(bytes -> binaries.add(Base64.getEncoder().encodeToString(bytes.asByteArray())));
        node.put("dataType", value.dataType());
        return node;
    }
}
