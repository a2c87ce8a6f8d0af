package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.store.StoredCollection;
import dev.facerec.engine.store.UserMatch;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SearchUsers and SearchUsersByImage: searches the users' vectors (each the normalised mean of the user's face
 * vectors, Rekognition's "user vector") rather than single faces.
 */
final class UserSearchOperations {

    private final ServiceContext context;

    UserSearchOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("SearchUsers", this::searchUsers);
        operations.put("SearchUsersByImage", this::searchUsersByImage);
    }

    /** Searches with a user's vector (that user left out) or a face's; exactly one of UserId and FaceId. */
    private JsonNode searchUsers(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String userId = request.optionalString("UserId", Constraints.USER_ID, Constraints.USER_ID_MAX);
        String faceId = request.optionalString("FaceId", Constraints.FACE_ID, 36);
        float threshold = request.optionalPercent("UserMatchThreshold", Constraints.DEFAULT_USER_MATCH_THRESHOLD);
        int maxUsers = request.optionalInt("MaxUsers", 1, Constraints.MAX_USERS, Constraints.MAX_USERS);
        if ((userId == null) == (faceId == null)) {
            throw RekognitionException.invalidParameter("Exactly one of UserId and FaceId must be given");
        }
        ObjectNode response = Json.object();
        float[] vector;
        if (userId != null) {
            if (collection.user(userId).isEmpty()) {
                throw UserOperations.userNotFound();
            }
            vector = collection.userVector(userId);
            response.putObject("SearchedUser").put("UserId", userId);
        } else {
            vector = collection.faceVector(faceId);
            if (vector == null) {
                throw RekognitionException.invalidParameter("faceId was not found in the collection.");
            }
            response.putObject("SearchedFace").put("FaceId", faceId);
        }
        response.set(
                "UserMatches",
                vector == null
                        ? Json.MAPPER.createArrayNode()
                        : matches(collection, vector, threshold, maxUsers, userId));
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        return response;
    }

    /**
     * Searches with the largest face of the image; the other faces come back in {@code UnsearchedFaces}
     * ({@code FACE_NOT_LARGEST}, or the quality reasons). Without a usable face the answer has no
     * {@code SearchedFace} and no match, as Rekognition documents.
     */
    private JsonNode searchUsersByImage(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        float threshold = request.optionalPercent("UserMatchThreshold", Constraints.DEFAULT_USER_MATCH_THRESHOLD);
        int maxUsers = request.optionalInt("MaxUsers", 1, Constraints.MAX_USERS, Constraints.MAX_USERS);
        QualityBar bar = request.optionalEnum("QualityFilter", QualityBar.class, QualityBar.NONE);
        byte[] bytes = context.images.load(request, "Image");
        AnalyzedImage image = context.analyzer.analyze(bytes, FaceAnalyzer.embedding(bar, 1, false));
        DetectedFace searched = SearchOperations.largestPassing(image, bar).orElse(null);

        ObjectNode response = Json.object();
        ArrayNode unsearched = Json.MAPPER.createArrayNode();
        for (DetectedFace face : FaceAnalyzer.largestFirst(image, image.faces())) {
            if (face != searched) {
                List<String> reasons = bar.reasons(face, image.width(), image.height());
                ObjectNode entry = unsearched.addObject();
                entry.set("FaceDetails", FaceDetails.write(face, Set.of()));
                entry.set("Reasons", Json.strings(reasons.isEmpty() ? List.of("FACE_NOT_LARGEST") : reasons));
            }
        }
        if (searched == null) {
            response.putArray("UserMatches");
        } else {
            response.set("UserMatches", matches(collection, searched.embedding(), threshold, maxUsers, null));
            response.putObject("SearchedFace").set("FaceDetail", FaceDetails.write(searched, Set.of()));
        }
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        response.set("UnsearchedFaces", unsearched);
        return response;
    }

    private ArrayNode matches(
            StoredCollection collection, float[] vector, float threshold, int maxUsers, String excludeUserId) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (UserMatch match :
                collection.searchUsers(vector, context.scale.toCosine(threshold), maxUsers, excludeUserId)) {
            float similarity = context.similarity(match.cosine());
            if (similarity >= threshold) {
                ObjectNode entry = array.addObject();
                entry.put("Similarity", similarity);
                entry.putObject("User")
                        .put("UserId", match.user().userId())
                        .put("UserStatus", match.user().status().name());
            }
        }
        return array;
    }
}
