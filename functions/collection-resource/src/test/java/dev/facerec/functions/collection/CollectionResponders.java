package dev.facerec.functions.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.functions.core.testing.RekognitionStub;
import dev.facerec.functions.core.testing.StubReply;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The collection operations (CreateCollection, DescribeCollection, DeleteCollection) answered on the shared
 * {@link RekognitionStub} from an in-memory set of collections, computed from each request. Like Rekognition,
 * CreateCollection returns its ARN without the leading {@code arn:} and DescribeCollection with it.
 */
final class CollectionResponders {

    static final String FACE_MODEL_VERSION = "7.0";
    static final List<String> OPERATIONS = List.of("CreateCollection", "DescribeCollection", "DeleteCollection");
    private static final String ARN_PREFIX = "aws:rekognition:us-east-1:000000000000:collection/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RekognitionStub stub;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Duration> nextDescribeDelay = new AtomicReference<>();

    CollectionResponders(RekognitionStub stub) {
        this.stub = stub;
        stub.on("CreateCollection", this::create)
                .on("DescribeCollection", this::describe)
                .on("DeleteCollection", this::delete);
    }

    void add(String collectionId) {
        collections.add(collectionId);
    }

    boolean has(String collectionId) {
        return collections.contains(collectionId);
    }

    /** The next DescribeCollection answers only after {@code delay}. */
    void delayNextDescribe(Duration delay) {
        nextDescribeDelay.set(delay);
    }

    /** How many times each collection operation was called (operations never called are left out). */
    Map<String, Integer> calls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            int count = stub.requests(operation).size();
            if (count > 0) {
                calls.put(operation, count);
            }
        }
        return calls;
    }

    void reset() {
        collections.clear();
        nextDescribeDelay.set(null);
        stub.reset();
    }

    private StubReply create(JsonNode request) {
        String id = request.path("CollectionId").asText();
        if (!collections.add(id)) {
            return StubReply.error(400, "ResourceAlreadyExistsException", "The collection id: " + id + " already exists");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("StatusCode", 200);
        body.put("CollectionArn", ARN_PREFIX + id);
        body.put("FaceModelVersion", FACE_MODEL_VERSION);
        return StubReply.ok(body);
    }

    private StubReply describe(JsonNode request) {
        Duration delay = nextDescribeDelay.getAndSet(null);
        if (delay != null) {
            sleep(delay);
        }
        String id = request.path("CollectionId").asText();
        if (!collections.contains(id)) {
            return StubReply.resourceNotFound("The collection id: " + id + " does not exist");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("FaceCount", 0);
        body.put("UserCount", 0);
        body.put("FaceModelVersion", FACE_MODEL_VERSION);
        body.put("CollectionARN", "arn:" + ARN_PREFIX + id);
        return StubReply.ok(body);
    }

    private StubReply delete(JsonNode request) {
        String id = request.path("CollectionId").asText();
        if (!collections.remove(id)) {
            return StubReply.resourceNotFound("The collection id: " + id + " does not exist");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("StatusCode", 200);
        return StubReply.ok(body);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
