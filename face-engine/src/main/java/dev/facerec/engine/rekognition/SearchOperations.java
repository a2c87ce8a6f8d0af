package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.store.FaceMatch;
import dev.facerec.engine.store.StoredCollection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SearchFaces and SearchFacesByImage. */
final class SearchOperations {

    private final ServiceContext context;

    SearchOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("SearchFaces", this::searchFaces);
        operations.put("SearchFacesByImage", this::searchFacesByImage);
    }

    private JsonNode searchFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String faceId = request.requiredString("FaceId", Constraints.FACE_ID, 36);
        int maxFaces = request.optionalInt("MaxFaces", 1, Constraints.MAX_SEARCH_FACES, Constraints.MAX_SEARCH_FACES);
        float threshold = request.optionalPercent("FaceMatchThreshold", Constraints.DEFAULT_FACE_MATCH_THRESHOLD);
        float[] vector = collection.faceVector(faceId);
        if (vector == null) {
            throw RekognitionException.invalidParameter("faceId was not found in the collection.");
        }
        ObjectNode response = Json.object();
        response.put("SearchedFaceId", faceId);
        response.set("FaceMatches", matches(collection, vector, threshold, maxFaces, faceId));
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        return response;
    }

    /** Searches with the largest face (of those that clear {@code QualityFilter}, default NONE) in the image. */
    private JsonNode searchFacesByImage(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        int maxFaces = request.optionalInt("MaxFaces", 1, Constraints.MAX_SEARCH_FACES, Constraints.MAX_SEARCH_FACES);
        float threshold = request.optionalPercent("FaceMatchThreshold", Constraints.DEFAULT_FACE_MATCH_THRESHOLD);
        QualityBar bar = request.optionalEnum("QualityFilter", QualityBar.class, QualityBar.NONE);
        byte[] bytes = context.images.load(request, "Image");
        AnalyzedImage image = context.analyzer.analyze(bytes, FaceAnalyzer.embedding(bar, 1, false));
        DetectedFace searched = largestPassing(image, bar)
                .orElseThrow(() -> RekognitionException.invalidParameter(
                        "There are no faces in the image. Should be at least 1."));
        ObjectNode response = Json.object();
        DetectedFace.Box b = searched.box();
        response.set("SearchedFaceBoundingBox", Json.box(b.left(), b.top(), b.width(), b.height()));
        response.put("SearchedFaceConfidence", searched.confidence());
        response.set("FaceMatches", matches(collection, searched.embedding(), threshold, maxFaces, null));
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        return response;
    }

    private ArrayNode matches(
            StoredCollection collection, float[] vector, float threshold, int maxFaces, String exclude) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (FaceMatch match : collection.searchFaces(vector, context.scale.toCosine(threshold), maxFaces, exclude)) {
            float similarity = context.similarity(match.cosine());
            if (similarity >= threshold) {
                ObjectNode entry = array.addObject();
                entry.put("Similarity", similarity);
                entry.set("Face", Json.face(match.face()));
            }
        }
        return array;
    }

    /** The largest face in {@code image} that clears {@code bar}. */
    static Optional<DetectedFace> largestPassing(AnalyzedImage image, QualityBar bar) {
        List<DetectedFace> passing = image.faces().stream()
                .filter(f -> bar.reasons(f, image.width(), image.height()).isEmpty())
                .toList();
        return FaceAnalyzer.largestFirst(image, passing).stream().findFirst();
    }
}
