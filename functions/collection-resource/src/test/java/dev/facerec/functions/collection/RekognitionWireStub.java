package dev.facerec.functions.collection;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * A local HTTP endpoint answering the collection operations in Rekognition's JSON 1.1 wire protocol
 * ({@code X-Amz-Target: RekognitionService.<Operation>}, errors as {@code {"__type": …}}), from an in-memory set
 * of collections. Faults can be queued to answer the next call of an operation with an error or a delay.
 *
 * <p>Stands in until the functions' shared stub (functions-core test-jar) covers these operations.
 */
final class RekognitionWireStub implements AutoCloseable {

    static final String FACE_MODEL_VERSION = "7.0";
    private static final String ACCOUNT = "000000000000";

    private final HttpServer server;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();

    private record Fault(int status, String type, Duration delay) {
    }

    RekognitionWireStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    RekognitionClient client() {
        return RekognitionClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    void addCollection(String collectionId) {
        collections.add(collectionId);
    }

    boolean hasCollection(String collectionId) {
        return collections.contains(collectionId);
    }

    /** Operation names received, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    void reset() {
        collections.clear();
        calls.clear();
        faults.clear();
    }

    /** The next call of {@code operation} answers with this error. */
    void failNext(String operation, int status, String errorType) {
        faults.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(new Fault(status, errorType, null));
    }

    /** The next call of {@code operation} is answered normally, but only after {@code delay}. */
    void delayNext(String operation, Duration delay) {
        faults.computeIfAbsent(operation, o -> new ConcurrentLinkedQueue<>()).add(new Fault(0, null, delay));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = target.substring(target.indexOf('.') + 1);
            calls.add(operation);
            JsonNode body = JsonNode.parser().parse(exchange.getRequestBody());
            Fault fault = faults.getOrDefault(operation, new ConcurrentLinkedQueue<>()).poll();
            if (fault != null && fault.delay() != null) {
                sleep(fault.delay());
            } else if (fault != null) {
                respond(exchange, fault.status(), error(fault.type(), "injected fault"));
                return;
            }
            answer(exchange, operation, body.field("CollectionId").map(JsonNode::asString).orElse(""));
        }
    }

    private void answer(HttpExchange exchange, String operation, String collectionId) throws IOException {
        boolean exists = collections.contains(collectionId);
        String arn = "aws:rekognition:us-east-1:" + ACCOUNT + ":collection/" + collectionId;
        switch (operation) {
            case "CreateCollection" -> {
                if (!collections.add(collectionId)) {
                    respond(exchange, 400, error("ResourceAlreadyExistsException", "collection exists"));
                } else {
                    respond(exchange, 200, object("StatusCode", "200", "CollectionArn", arn,
                            "FaceModelVersion", FACE_MODEL_VERSION));
                }
            }
            case "DescribeCollection" -> respond(exchange, exists ? 200 : 400, exists
                    ? object("CollectionARN", "arn:" + arn, "FaceModelVersion", FACE_MODEL_VERSION)
                    : error("ResourceNotFoundException", "no such collection"));
            case "DeleteCollection" -> respond(exchange, collections.remove(collectionId) ? 200 : 400, exists
                    ? object("StatusCode", "200")
                    : error("ResourceNotFoundException", "no such collection"));
            default -> respond(exchange, 400, error("UnknownOperationException", operation));
        }
    }

    private static byte[] error(String type, String message) {
        return object("__type", type, "message", message);
    }

    private static byte[] object(String... namesAndValues) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                json.writeFieldName(namesAndValues[i]);
                if (namesAndValues[i].equals("StatusCode")) {
                    json.writeNumber(namesAndValues[i + 1]);
                } else {
                    json.writeValue(namesAndValues[i + 1]);
                }
            }
            json.writeEndObject();
            return json.getBytes();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
