package dev.facerec.twin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The invocation record Lambda sends to an asynchronous invocation's destination: {@code requestContext}
 * (request id, function ARN with version, condition, approximate invoke count), {@code requestPayload} (the event),
 * {@code responseContext} and {@code responsePayload} (the last result).
 */
final class DestinationRecord {

    /** Why a record went to the on-failure destination, or {@code Success}. */
    enum Condition {
        Success,
        RetriesExhausted,
        EventAgeExceeded
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DestinationRecord() {}

    static String of(
            String functionArn, QueuedEvent event, int invokeCount, Condition condition, InvocationResult lastResult) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", Instant.now().toString());
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", event.requestId());
        context.put("functionArn", functionArn + ":$LATEST");
        context.put("condition", condition.name());
        context.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", parse(event.payload()));
        if (lastResult != null) {
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (lastResult.failed()) {
                response.put("functionError", lastResult.functionError());
            }
            record.set("responsePayload", parse(lastResult.payload()));
        }
        return record.toString();
    }

    /** A payload as JSON when it is JSON, otherwise as a string. */
    private static JsonNode parse(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? JSON.getNodeFactory().textNode(text) : node;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
