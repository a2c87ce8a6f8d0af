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
    private static final List<String> OPERATIONS = List.of("CreateCollection", "DescribeCollection",
            "DeleteCollection");

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

    /** Creates a collection, as an earlier stack would have. */
    void add(String collectionId) {
        setup.createCollection(b -> b.collectionId(collectionId));
        setupCalls.merge("CreateCollection", 1, Integer::sum);
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
        return setup.listCollectionsPaginator(b -> { }).collectionIds().stream().toList();
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
