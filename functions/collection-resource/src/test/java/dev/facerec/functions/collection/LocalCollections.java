package dev.facerec.functions.collection;

import dev.facerec.engine.rekognition.FaultInjector;
import dev.facerec.functions.testing.ColorFaceEngine;
import dev.facerec.functions.testing.LocalRekognition;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The local Rekognition server the handler talks to, and what the tests set up and observe on it through a client
 * of their own: which collections exist, and how many collection operations the handler made.
 */
final class LocalCollections implements AutoCloseable {

    /** The face model version the server's engine reports. */
    static final String FACE_MODEL_VERSION = ColorFaceEngine.FACE_MODEL_VERSION;

    private static final List<String> OPERATIONS = List.of(
            "CreateCollection",
            "DescribeCollection",
            "DeleteCollection",
            "ListTagsForResource",
            "TagResource",
            "UntagResource");
    /** The owner of the collections the fixtures' stack and logical id create. */
    static final CollectionOwner FIXTURE_OWNER = CollectionOwner.of(
            "arn:aws:cloudformation:us-east-1:000000000000:stack/FaceRecognition/5b6a1e10-0000-0000-0000-000000000000",
            "FacesCollection");

    private final LocalRekognition server = LocalRekognition.start();
    private final RekognitionClient setup = server.client();
    /** Calls made by the setup, not by the handler. */
    private final Map<String, Integer> setupCalls = new HashMap<>();

    URI endpoint() {
        return server.endpoint();
    }

    FaultInjector faults() {
        return server.faults();
    }

    /** Creates a collection that the fixtures' resource did not create: another stack's, or a deleted one's. */
    void add(String collectionId) {
        add(collectionId, Map.of());
    }

    /** Creates a collection with tags, as a resource (its owner tag among them) would have. */
    void add(String collectionId, Map<String, String> tags) {
        setup.createCollection(b -> b.collectionId(collectionId).tags(tags));
        setupCalls.merge("CreateCollection", 1, Integer::sum);
    }

    /** Creates a collection as the fixtures' own resource did before. */
    void addOwned(String collectionId) {
        add(collectionId, Map.of(CollectionOwner.TAG, FIXTURE_OWNER.value()));
    }

    /** The tags of a collection. */
    Map<String, String> tags(String collectionId) {
        String arn = setup.describeCollection(b -> b.collectionId(collectionId)).collectionARN();
        setupCalls.merge("DescribeCollection", 1, Integer::sum);
        setupCalls.merge("ListTagsForResource", 1, Integer::sum);
        return setup.listTagsForResource(b -> b.resourceArn(arn)).tags();
    }

    /** Whether the collection exists (asked with ListCollections, which the handler never calls). */
    boolean has(String collectionId) {
        return collectionIds().contains(collectionId);
    }

    /** The answer to the next DescribeCollection is sent only after {@code delay}. */
    void delayNextDescribe(Duration delay) {
        server.faults().afterNext("DescribeCollection", () -> sleep(delay));
    }

    /** How many times the handler called each collection operation (operations never called are left out). */
    Map<String, Integer> calls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        for (String operation : OPERATIONS) {
            int count = server.faults().calls(operation) - setupCalls.getOrDefault(operation, 0);
            if (count > 0) {
                calls.put(operation, count);
            }
        }
        return calls;
    }

    /** Deletes every collection and forgets faults, pending delays and counts. */
    void reset() {
        collectionIds().forEach(id -> setup.deleteCollection(b -> b.collectionId(id)));
        server.faults().clear();
        setupCalls.clear();
    }

    private List<String> collectionIds() {
        return setup.listCollectionsPaginator(b -> {}).collectionIds().stream().toList();
    }

    @Override
    public void close() {
        server.close();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
