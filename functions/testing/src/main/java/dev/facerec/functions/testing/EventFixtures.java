package dev.facerec.functions.testing;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 event notification fixtures: JSON files under {@code events/} on the test classpath. A fixture may hold
 * {@code ${name}} placeholders for what only exists at run time (bucket, ETag and size of an object the test
 * uploaded); an unreplaced placeholder is an error.
 */
public final class EventFixtures {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventFixtures() {}

    /** The fixture {@code events/<name>} with its placeholders replaced. */
    public static String load(String name, Map<String, ?> values) {
        String text = read("events/" + name);
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(
                        "fixture " + name + " needs a value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The fixture as a stream, as Lambda hands it to a RequestStreamHandler. */
    public static InputStream stream(String name, Map<String, ?> values) {
        return new ByteArrayInputStream(load(name, values).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The fixture as the {@link S3Event} a handler receives: deserialized by the Lambda runtime's own event serializer
     * ({@code aws-lambda-java-serialization}), as the runtime interface client does before calling the handler.
     */
    public static S3Event s3Event(String name, Map<String, ?> values) {
        return LambdaEventSerializers.serializerFor(S3Event.class, EventFixtures.class.getClassLoader())
                .fromJson(stream(name, values));
    }

    /**
     * The {@link SQSEvent} of a batch of messages with these bodies (ids {@code message-1}, {@code message-2}, …) as
     * Lambda's SQS event source sends it, deserialized by the runtime's own serializer.
     */
    public static SQSEvent sqsEvent(List<String> bodies) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode record = records.addObject();
            record.put("messageId", "message-" + (i + 1));
            record.put("receiptHandle", "receipt-" + (i + 1));
            record.put("body", bodies.get(i));
            record.putObject("attributes")
                    .put("ApproximateReceiveCount", "1")
                    .put("SentTimestamp", "1796640000000")
                    .put("SenderId", "AIDAEXAMPLE")
                    .put("ApproximateFirstReceiveTimestamp", "1796640000001");
            record.putObject("messageAttributes");
            record.put("md5OfBody", "0123456789abcdef0123456789abcdef");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:facerec-test-queue");
            record.put("awsRegion", "us-east-1");
        }
        return LambdaEventSerializers.serializerFor(SQSEvent.class, EventFixtures.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(root.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** A key encoded the way S3 encodes it in notifications (form encoding: spaces become {@code +}). */
    public static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String read(String resource) {
        try (InputStream in = EventFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
