package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.facerec.engine.rekognition.FaultInjector.Fault;
import java.io.IOException;
import java.io.InputStream;

/**
 * The server's own endpoints, beside Rekognition's: {@code GET /_facerec/health}, and fault injection at
 * {@code /_facerec/faults} ({@code POST} a fault, {@code GET} pending faults and call counts, {@code DELETE} to
 * clear).
 */
final class AdminHandler {

    static final String PREFIX = "/_facerec/";

    private final FaultInjector faults;

    AdminHandler(FaultInjector faults) {
        this.faults = faults;
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
        return new Response(404, Json.object().put("message", "No such endpoint: " + method + " " + path));
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
