package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local stand-in for the pre-signed S3 URLs CloudFormation gives custom resources as {@code ResponseURL}: an
 * HTTP endpoint that takes the provider's {@code PUT} of its response document.
 */
public final class CustomResourceResponses implements AutoCloseable {

    private static final String PATH = "/cloudformation-responses/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    public CustomResourceResponses() {
        try {
            server = LoopbackHttpServer.create(0, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the custom resource response endpoint", e);
        }
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** Expects a response for the request id and returns its {@code ResponseURL} and the future response. */
    CompletableFuture<JsonNode> expect(String requestId) {
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        waiting.put(requestId, response);
        return response;
    }

    String responseUrl(String requestId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + requestId;
    }

    void forget(String requestId) {
        waiting.remove(requestId);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = exchange.getRequestURI().getPath().substring(PATH.length());
            CompletableFuture<JsonNode> response = waiting.remove(requestId);
            if (!"PUT".equals(exchange.getRequestMethod()) || response == null) {
                exchange.sendResponseHeaders(response == null ? 404 : 405, -1);
                return;
            }
            try (InputStream body = exchange.getRequestBody()) {
                response.complete(JSON.readTree(body));
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException e) {
                response.completeExceptionally(e);
                exchange.sendResponseHeaders(400, -1);
            }
        }
    }
}
