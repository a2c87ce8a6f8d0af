package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.SimilarityScale;
import dev.facerec.engine.rekognition.FaceDetails.Attribute;
import dev.facerec.engine.store.DeletionResult;
import dev.facerec.engine.store.FaceBox;
import dev.facerec.engine.store.FaceFailure;
import dev.facerec.engine.store.NewFace;
import dev.facerec.engine.store.Page;
import dev.facerec.engine.store.StoredCollection;
import dev.facerec.engine.store.StoredFace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** IndexFaces, ListFaces, DeleteFaces. */
final class FaceOperations {

    private static final int DEFAULT_PAGE = 1000;

    private final ServiceContext context;

    FaceOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("IndexFaces", this::indexFaces);
        operations.put("ListFaces", this::listFaces);
        operations.put("DeleteFaces", this::deleteFaces);
    }

    /**
     * Detects the (at most 100 largest) faces, leaves out those under the quality bar, indexes the largest
     * {@code MaxFaces} of the rest and reports the others in {@code UnindexedFaces} with their reasons.
     */
    private JsonNode indexFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String externalImageId = request.optionalString(
                "ExternalImageId", Constraints.EXTERNAL_IMAGE_ID, Constraints.EXTERNAL_IMAGE_ID_MAX);
        Set<Attribute> attributes = FaceDetails.requested(request, "DetectionAttributes");
        int maxFaces = request.optionalInt("MaxFaces", 1, Integer.MAX_VALUE, Constraints.MAX_FACES_PER_IMAGE);
        QualityBar bar = request.optionalEnum("QualityFilter", QualityBar.class, QualityBar.AUTO);
        byte[] bytes = context.images.load(request, "Image");

        AnalyzedImage image = context.analyzer.analyze(
                bytes,
                FaceAnalyzer.embedding(
                        bar, Math.min(maxFaces, Constraints.MAX_FACES_PER_IMAGE), !attributes.isEmpty()));
        List<DetectedFace> faces = FaceAnalyzer.largestFirst(image, image.faces());
        ArrayNode unindexed = Json.MAPPER.createArrayNode();
        List<DetectedFace> toIndex = new ArrayList<>();
        for (DetectedFace face : faces.subList(0, Math.min(faces.size(), Constraints.MAX_FACES_PER_IMAGE))) {
            List<String> reasons = bar.reasons(face, image.width(), image.height());
            if (reasons.isEmpty() && toIndex.size() >= maxFaces) {
                reasons = List.of(QualityBar.EXCEEDS_MAX_FACES);
            }
            if (reasons.isEmpty()) {
                toIndex.add(face);
            } else {
                ObjectNode entry = unindexed.addObject();
                entry.set("Reasons", Json.strings(reasons));
                entry.set("FaceDetail", FaceDetails.write(face, attributes));
            }
        }

        String imageId = UUID.randomUUID().toString();
        List<NewFace> newFaces = new ArrayList<>();
        ObjectNode response = Json.object();
        ArrayNode records = response.putArray("FaceRecords");
        for (DetectedFace face : toIndex) {
            DetectedFace.Box b = face.box();
            StoredFace stored = new StoredFace(
                    UUID.randomUUID().toString(),
                    imageId,
                    externalImageId,
                    new FaceBox(b.left(), b.top(), b.width(), b.height()),
                    face.confidence(),
                    context.engine.faceModelVersion(),
                    null);
            newFaces.add(new NewFace(stored, face.embedding()));
            ObjectNode record = records.addObject();
            record.set("Face", Json.face(stored));
            record.set("FaceDetail", FaceDetails.write(face, attributes));
        }
        collection.addFaces(newFaces);
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        response.set("UnindexedFaces", unindexed);
        return response;
    }

    private JsonNode listFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        int max = request.optionalInt("MaxResults", 0, 4096, DEFAULT_PAGE);
        max = max == 0 ? DEFAULT_PAGE : max;
        String userId = request.optionalString("UserId", Constraints.USER_ID, Constraints.USER_ID_MAX);
        List<String> faceIds = request.stringList("FaceIds", 0, 4096, Constraints.FACE_ID, 36);
        String after = PageTokens.decode(request);
        Page<StoredFace> page;
        if (userId != null) {
            page = collection.facesOfUser(userId, after, Integer.MAX_VALUE);
            List<StoredFace> filtered = page.items().stream()
                    .filter(f -> faceIds.isEmpty() || faceIds.contains(f.faceId()))
                    .toList();
            page = new Page<>(filtered.subList(0, Math.min(max, filtered.size())), filtered.size() > max);
        } else if (!faceIds.isEmpty()) {
            page = collection.facesAmong(faceIds, after, max);
        } else {
            page = collection.faces(after, max);
        }
        ObjectNode response = Json.object();
        ArrayNode faces = response.putArray("Faces");
        page.items().forEach(face -> faces.add(Json.face(face)));
        if (page.more()) {
            response.put(
                    "NextToken",
                    PageTokens.encode(CollectionOperations.last(page.items()).faceId()));
        }
        response.put("FaceModelVersion", collection.info().faceModelVersion());
        return response;
    }

    /**
     * Deletes the faces; a face still associated with a user is refused ({@code ASSOCIATED_TO_AN_EXISTING_USER}),
     * an unknown one reported as {@code FACE_NOT_FOUND}.
     */
    private JsonNode deleteFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        List<String> faceIds = request.stringList("FaceIds", 1, 4096, Constraints.FACE_ID, 36);
        DeletionResult result = collection.deleteFaces(faceIds);
        ObjectNode response = Json.object();
        response.set("DeletedFaces", Json.strings(result.deleted()));
        response.set("UnsuccessfulFaceDeletions", failures(result.failed(), null));
        return response;
    }

    /**
     * Rekognition's unsuccessful-face lists. With a {@code scale}, LOW_MATCH_CONFIDENCE entries carry the face's
     * similarity to the user as {@code Confidence}.
     */
    static ArrayNode failures(List<FaceFailure> failed, SimilarityScale scale) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (FaceFailure failure : failed) {
            ObjectNode entry = array.addObject();
            entry.put("FaceId", failure.faceId());
            if (failure.userId() != null) {
                entry.put("UserId", failure.userId());
            }
            if (scale != null && !Float.isNaN(failure.cosine())) {
                entry.put("Confidence", scale.toPercent(failure.cosine()));
            }
            entry.set("Reasons", Json.strings(List.of(failure.reason().name())));
        }
        return array;
    }
}
