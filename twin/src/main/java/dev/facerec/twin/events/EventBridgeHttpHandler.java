package dev.facerec.twin.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * EventBridge's AWS JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target: AWSEvents.<Operation>}; errors as
 * {@code {"__type": ..., "message": ...}} with their HTTP status, from which the SDK picks its exception class.
 * Any signature is accepted. {@code POST /_twin/run-schedule} with {@code {"Rule": name or ARN}} fires a
 * scheduled rule now (the CLI's {@code run-schedule}); with {@code "Time": "<ISO-8601 instant>"} the event carries
 * that time instead of the clock's. Event contents are never logged.
 */
final class EventBridgeHttpHandler implements HttpHandler {

    static final String RUN_SCHEDULE_PATH = "/_twin/run-schedule";

    private static final Logger LOG = System.getLogger(EventBridgeHttpHandler.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSEvents.";
    /** Ten entries of 256 KB at most, escaped: anything larger cannot be a valid request. */
    private static final int MAX_BODY_BYTES = 8 << 20;

    private final EventsService service;
    private final PutEventsOperation putEvents;

    EventBridgeHttpHandler(EventsService service) {
        this.service = service;
        this.putEvents = new PutEventsOperation(service);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode answer;
            try {
                answer = answer(exchange);
            } catch (EventBridgeException e) {
                status = e.status();
                answer = JSON.createObjectNode().put("__type", e.type()).put("message", e.getMessage());
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new EventBridgeException("UnknownOperationException", 400, "only POST requests are answered");
        }
        JsonNode body = body(exchange);
        if (RUN_SCHEDULE_PATH.equals(exchange.getRequestURI().getPath())) {
            try {
                String rule = body.path("Rule").asText("");
                String id = body.hasNonNull("Time")
                        ? service.runNow(rule, Instant.parse(body.path("Time").asText()))
                        : service.runNow(rule);
                return JSON.createObjectNode().put("EventId", id);
            } catch (DateTimeParseException e) {
                throw new EventBridgeException(
                        "ValidationException", 400, "Time must be an ISO-8601 instant, e.g. 2029-12-08T03:10:00Z");
            } catch (IllegalArgumentException e) {
                throw new EventBridgeException("ResourceNotFoundException", 400, e.getMessage());
            }
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!(TARGET_PREFIX + "PutEvents").equals(target)) {
            throw new EventBridgeException(
                    "UnknownOperationException",
                    400,
                    "the twin's EventBridge answers " + "PutEvents only, not "
                            + (target == null ? "a request without X-Amz-Target" : target));
        }
        try {
            return putEvents.handle(body);
        } catch (EventBridgeException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "PutEvents failed: " + e);
            throw new EventBridgeException("InternalException", 500, "Internal error");
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw EventBridgeException.validation("Total size of the entries in the request is over the limit.");
        }
        try {
            JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            if (body instanceof ObjectNode) {
                return body;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new EventBridgeException("SerializationException", 400, "The request body is not a JSON object");
    }
}
