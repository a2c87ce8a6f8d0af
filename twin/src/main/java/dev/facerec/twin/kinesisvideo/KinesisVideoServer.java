package dev.facerec.twin.kinesisvideo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The twin's Kinesis Video Streams control plane endpoint ({@code AWS_ENDPOINT_URL_KINESIS_VIDEO}), REST-JSON as the
 * API reference gives it: {@code POST /updateImageGenerationConfiguration} and
 * {@code POST /describeImageGenerationConfiguration} and {@code POST /describeStream}, each naming the stream by {@code StreamName} or
 * {@code StreamARN}. Anything else is answered with an error naming what the twin serves. Any signature is accepted.
 */
public final class KinesisVideoServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final KinesisVideoService service;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "kinesisvideo-http");
        thread.setDaemon(true);
        return thread;
    });

    private KinesisVideoServer(KinesisVideoService service) throws IOException {
        this.service = service;
        this.http = LoopbackHttpServer.create(0, 16);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    public static KinesisVideoServer start(KinesisVideoService service) {
        try {
            return new KinesisVideoServer(service);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kinesis Video Streams server", e);
        }
    }

    /** The URL for {@code AWS_ENDPOINT_URL_KINESIS_VIDEO} and {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode answer;
            try {
                answer = answer(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body(exchange));
            } catch (ApiError e) {
                status = e.status;
                answer = JSON.createObjectNode().put("message", e.getMessage());
                exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type);
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private JsonNode answer(String method, String path, JsonNode body) {
        if (!"POST".equals(method)) {
            throw new ApiError("InvalidArgumentException", 400, "only POST requests are answered");
        }
        String stream = body.hasNonNull("StreamARN")
                ? body.get("StreamARN").asText()
                : body.path("StreamName").asText(null);
        if (stream == null) {
            throw new ApiError("InvalidArgumentException", 400, "StreamName or StreamARN is required");
        }
        switch (path) {
            case "/updateImageGenerationConfiguration" -> {
                try {
                    service.updateImageGeneration(stream, body.get("ImageGenerationConfiguration"));
                } catch (IllegalArgumentException e) {
                    throw new ApiError("ResourceNotFoundException", 404, e.getMessage());
                }
                return JSON.createObjectNode();
            }
            case "/describeStream" -> {
                KinesisVideoService.StreamRecord record = found(stream);
                ObjectNode answer = JSON.createObjectNode();
                answer.putObject("StreamInfo")
                        .put("StreamName", record.name())
                        .put("StreamARN", record.arn())
                        .put("Status", "ACTIVE");
                return answer;
            }
            case "/describeImageGenerationConfiguration" -> {
                KinesisVideoService.StreamRecord record = found(stream);
                ObjectNode answer = JSON.createObjectNode();
                if (record.imageGeneration() != null) {
                    answer.set("ImageGenerationConfiguration", record.imageGeneration());
                }
                return answer;
            }
            default ->
                throw new ApiError(
                        "InvalidArgumentException",
                        400,
                        "the twin's Kinesis Video Streams answers UpdateImageGenerationConfiguration,"
                                + " DescribeImageGenerationConfiguration and DescribeStream only, not " + path);
        }
    }

    private KinesisVideoService.StreamRecord found(String stream) {
        return service.stream(stream)
                .orElseThrow(() ->
                        new ApiError("ResourceNotFoundException", 404, "The stream " + stream + " does not exist"));
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(1 << 20);
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ApiError("InvalidArgumentException", 400, "the body is not JSON");
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private static final class ApiError extends RuntimeException {
        private final String type;
        private final int status;

        ApiError(String type, int status, String message) {
            super(message);
            this.type = type;
            this.status = status;
        }
    }
}
