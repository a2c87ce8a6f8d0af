package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.facerec.engine.rekognition.FaultInjector.Fault;
import dev.facerec.engine.store.CollectionDeletedException;
import dev.facerec.engine.store.IdempotencyMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rekognition's JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target: RekognitionService.<Operation>} and
 * a JSON body; the answer is the response body, or an error body {@code {"__type": ..., "Message": ...}} with the
 * error's HTTP status. Any SigV4 signature is accepted (there are no credentials to check). Paths under
 * {@code /_facerec/} go to the {@link AdminHandler}. Request contents are never logged: they hold faces and ids.
 */
final class RekognitionHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(RekognitionHttpHandler.class.getName());
    private static final String TARGET_PREFIX = "RekognitionService.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** Two 5 MB images in base64 fit; anything larger cannot be a valid request. */
    private static final int MAX_BODY_BYTES = 32 << 20;

    private final Map<String, Operation> operations;
    private final FaultInjector faults;
    private final AdminHandler admin;

    RekognitionHttpHandler(Map<String, Operation> operations, FaultInjector faults, LivenessOperations liveness) {
        this.operations = Map.copyOf(operations);
        this.faults = faults;
        this.admin = new AdminHandler(faults, liveness);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().startsWith(AdminHandler.PREFIX)) {
                AdminHandler.Response response = admin.handle(exchange);
                send(exchange, response.status(), response.body());
                return;
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String name =
                    target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
            JsonNode response = null;
            RekognitionException error = null;
            try {
                response = dispatch(exchange, target, name);
            } catch (RekognitionException e) {
                error = e;
            }
            faults.afterCall(name).ifPresent(RekognitionHttpHandler::runAfterCall);
            if (error == null) {
                send(exchange, 200, response);
            } else {
                sendError(exchange, error.type(), error.status(), error.getMessage());
            }
        }
    }

    private static void runAfterCall(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an afterNext action failed", e);
        }
    }

    private JsonNode dispatch(HttpExchange exchange, String target, String name) throws IOException {
        Operation operation = operations.get(name);
        if (!exchange.getRequestMethod().equals("POST") || operation == null) {
            throw new RekognitionException(
                    ErrorType.UNKNOWN_OPERATION,
                    "Unknown or unsupported operation: " + (target == null ? "no X-Amz-Target header" : target));
        }
        Optional<Fault> fault = faults.onCall(name);
        if (fault.isPresent()) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            throw new RekognitionException(
                    fault.get().errorType(), fault.get().status(), fault.get().message());
        }
        ObjectNode body = readBody(exchange.getRequestBody());
        try {
            return operation.handle(new RequestReader(name, body));
        } catch (IdempotencyMismatchException e) {
            throw new RekognitionException(ErrorType.IDEMPOTENT_PARAMETER_MISMATCH, e.getMessage());
        } catch (CollectionDeletedException e) {
            throw new RekognitionException(ErrorType.RESOURCE_NOT_FOUND, e.getMessage());
        } catch (RekognitionException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + " failed", e);
            throw new RekognitionException(ErrorType.INTERNAL_SERVER_ERROR, "Internal server error");
        }
    }

    private static ObjectNode readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RekognitionException(
                    ErrorType.IMAGE_TOO_LARGE,
                    "The request is larger than " + MAX_BODY_BYTES + " bytes; images sent inline may be at most 5 MB");
        }
        try {
            JsonNode body = bytes.length == 0 ? Json.object() : Json.MAPPER.readTree(bytes);
            if (!body.isObject()) {
                throw new RekognitionException(ErrorType.SERIALIZATION, "The request body must be a JSON object");
            }
            return (ObjectNode) body;
        } catch (JsonProcessingException e) {
            throw new RekognitionException(ErrorType.SERIALIZATION, "The request body is not valid JSON");
        }
    }

    private static void sendError(HttpExchange exchange, String type, int status, String message) throws IOException {
        ObjectNode body = Json.object();
        body.put("__type", type);
        body.put("Message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
