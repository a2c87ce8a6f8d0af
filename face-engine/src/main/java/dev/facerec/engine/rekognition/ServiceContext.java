package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.SimilarityScale;
import dev.facerec.engine.store.CollectionStore;
import dev.facerec.engine.store.IdempotencyKey;
import dev.facerec.engine.store.StoredCollection;

/** What the operations share: the store, the engine and its similarity scale, where images come from. */
final class ServiceContext {

    final CollectionStore store;
    final FaceEngine engine;
    final FaceAnalyzer analyzer;
    final ImageSource images;
    final SimilarityScale scale;
    private final String arnPrefix;

    ServiceContext(CollectionStore store, FaceEngine engine, ImageSource images, String region, String accountId) {
        this.store = store;
        this.engine = engine;
        this.analyzer = new FaceAnalyzer(engine);
        this.images = images;
        this.scale = engine.similarityScale();
        this.arnPrefix = "arn:aws:rekognition:" + region + ":" + accountId + ":collection/";
    }

    StoredCollection collection(String collectionId) {
        return store.find(collectionId).orElseThrow(() -> RekognitionException.collectionNotFound(collectionId));
    }

    String collectionArn(String collectionId) {
        return arnPrefix + collectionId;
    }

    /** Rekognition's similarity (0–100) for a cosine. */
    float similarity(float cosine) {
        return scale.toPercent(cosine);
    }

    /** The idempotency key of a request with a {@code ClientRequestToken}, or null without one. */
    static IdempotencyKey idempotencyKey(RequestReader request) {
        String token = request.optionalString(
                "ClientRequestToken", Constraints.CLIENT_REQUEST_TOKEN, Constraints.CLIENT_REQUEST_TOKEN_MAX);
        return token == null ? null : new IdempotencyKey(request.operation(), token, request.fingerprint());
    }

    static String render(JsonNode response) {
        try {
            return Json.MAPPER.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String response) {
        try {
            return Json.MAPPER.readTree(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
