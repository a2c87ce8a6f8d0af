package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.facerec.engine.rekognition.FaultInjector.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's own endpoints, beside Rekognition's: {@code GET /_facerec/health}; fault injection at
 * {@code /_facerec/faults} ({@code POST} a fault, {@code GET} pending faults and call counts, {@code DELETE} to
 * clear); Face Liveness frames at {@code POST /_facerec/liveness/sessions/<SessionId>/frames} (the stand-in for the
 * browser component's video stream: a JSON body {@code {"Frames": ["<base64 JPEG or PNG>", ...]}}, or one image as
 * the raw body; answers as GetFaceLivenessSessionResults); and {@code POST /_facerec/clock}
 * {@code {"AdvanceSeconds": n}}, which moves the liveness sessions' clock forward (expiry without waiting).
 */
final class AdminHandler {

    static final String PREFIX = "/_facerec/";

    private static final String FRAMES = PREFIX + "liveness/sessions/";

    private final FaultInjector faults;
    private final LivenessOperations liveness;

    AdminHandler(FaultInjector faults, LivenessOperations liveness) {
        this.faults = faults;
        this.liveness = liveness;
    }

    /** Answers the request; returns the status and body to send. */
    Response handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(PREFIX + "health") && method.equals("GET")) {
            return new Response(200, Json.object().put("status", "ok"));
        }
        if (path.equals(PREFIX + "faults")) {
            switch (method) {
                case "GET":
                    return new Response(200, state());
                case "DELETE":
                    faults.clear();
                    return new Response(200, state());
                case "POST":
                    return addFault(exchange.getRequestBody());
                default:
                    break;
            }
        }
        if (method.equals("POST") && path.startsWith(FRAMES) && path.endsWith("/frames")) {
            String sessionId = path.substring(FRAMES.length(), path.length() - "/frames".length());
            return frames(sessionId, exchange);
        }
        if (method.equals("POST") && path.equals(PREFIX + "clock")) {
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
            long seconds = request == null ? -1 : request.path("AdvanceSeconds").asLong(-1);
            if (seconds < 0) {
                return new Response(400, Json.object().put("message", "Give AdvanceSeconds, a whole number >= 0"));
            }
            liveness.sessions().advance(java.time.Duration.ofSeconds(seconds));
            return new Response(
                    200, Json.object().put("Now", liveness.sessions().now().toString()));
        }
        return new Response(404, Json.object().put("message", "No such endpoint: " + method + " " + path));
    }

    private Response frames(String sessionId, HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        List<byte[]> frames = new ArrayList<>();
        try {
            if (type != null && type.startsWith("image/")) {
                frames.add(exchange.getRequestBody().readAllBytes());
            } else {
                JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody());
                JsonNode list = request == null ? null : request.get("Frames");
                if (list == null || !list.isArray()) {
                    throw RekognitionException.invalidParameter(
                            "Give {\"Frames\": [\"<base64 JPEG or PNG>\", ...]} or one image as the body");
                }
                for (JsonNode frame : list) {
                    frames.add(frame.binaryValue());
                }
            }
            return new Response(200, liveness.submit(sessionId, frames));
        } catch (RekognitionException e) {
            ObjectNode error = Json.object().put("__type", e.type()).put("Message", e.getMessage());
            return new Response(e.status(), error);
        }
    }

    private Response addFault(InputStream body) throws IOException {
        JsonNode request = Json.MAPPER.readTree(body);
        String operation = text(request, "operation", FaultInjector.ANY);
        String errorType = text(request, "errorType", null);
        int count = request.path("count").asInt(1);
        if (errorType == null || count < 1) {
            return new Response(
                    400,
                    Json.object()
                            .put(
                                    "message",
                                    "Give errorType (e.g. ThrottlingException), optionally operation (default *), count (default 1), "
                                            + "status (default: the error's usual one) and message"));
        }
        int defaultStatus = ErrorType.ofCode(errorType).map(ErrorType::status).orElse(400);
        Fault fault = new Fault(
                errorType,
                request.path("status").asInt(defaultStatus),
                text(request, "message", "Injected fault: " + errorType));
        faults.failNext(operation, count, fault);
        return new Response(200, state());
    }

    private ObjectNode state() {
        ObjectNode state = Json.object();
        state.set("pending", Json.MAPPER.valueToTree(faults.pendingByOperation()));
        state.set("calls", Json.MAPPER.valueToTree(faults.callsByOperation()));
        return state;
    }

    private static String text(JsonNode node, String member, String fallback) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    /** A status and a JSON body. */
    record Response(int status, JsonNode body) {}
}
