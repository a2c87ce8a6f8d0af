package dev.facerec.functions.core.enrollment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ConflictException;
import software.amazon.awssdk.services.rekognition.model.DeleteFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceDeletion;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceDeletionReason;

/**
 * The person-level side of the collection: Rekognition users (one per person id) and the removal of faces, which
 * must be disassociated from their user before DeleteFaces accepts them. DeleteFaces answers 200 even when it
 * deletes nothing, so its {@code UnsuccessfulFaceDeletions} are checked: a face that is already gone counts as
 * deleted (removal is retried after failures), one still associated to a user is an error.
 */
public final class CollectionFaces {

    private static final int DELETE_BATCH = 4096;
    private static final int LIST_PAGE = 4096;
    private static final int ASSOCIATE_BATCH = 100;

    private final RekognitionClient rekognition;
    private final String collectionId;

    public CollectionFaces(RekognitionClient rekognition, String collectionId) {
        this.rekognition = rekognition;
        this.collectionId = collectionId;
    }

    /** Creates the collection unless it exists (a tenant's, on its first enrolment). */
    public void ensureCollection() {
        try {
            rekognition.createCollection(b -> b.collectionId(collectionId));
        } catch (ResourceAlreadyExistsException createdMeanwhile) {
            // Another enrolment of the tenant created it first.
        }
    }

    /** Creates the user of a person unless it exists. */
    public void ensureUser(String userId) {
        try {
            rekognition.createUser(b -> b.collectionId(collectionId).userId(userId));
        } catch (ConflictException alreadyThere) {
            // The person already has a user: nothing to do.
        }
    }

    /**
     * Deletes a person's user (its faces are disassociated by Rekognition); a missing user is fine.
     *
     * @return whether there was a user to delete
     */
    public boolean deleteUser(String userId) {
        try {
            rekognition.deleteUser(b -> b.collectionId(collectionId).userId(userId));
            return true;
        } catch (ResourceNotFoundException alreadyGone) {
            return false;
        }
    }

    /** The ids of the faces associated to {@code userId} (ListFaces filtered by UserId); none without a collection. */
    public List<String> facesOfUser(String userId) {
        try {
            return rekognition
                    .listFacesPaginator(
                            b -> b.collectionId(collectionId).userId(userId).maxResults(LIST_PAGE))
                    .faces()
                    .stream()
                    .map(Face::faceId)
                    .toList();
        } catch (ResourceNotFoundException noCollection) {
            return List.of();
        }
    }

    /**
     * Disassociates {@code faceIds} from {@code userId} (when given) and deletes them from the collection.
     *
     * @throws IllegalStateException when a face could not be deleted for another reason than being gone already
     */
    public void remove(String userId, Collection<String> faceIds) {
        if (faceIds.isEmpty()) {
            return;
        }
        if (userId != null) {
            for (List<String> batch : batches(faceIds, ASSOCIATE_BATCH)) {
                try {
                    rekognition.disassociateFaces(
                            b -> b.collectionId(collectionId).userId(userId).faceIds(batch));
                } catch (ResourceNotFoundException userGone) {
                    break;
                }
            }
        }
        for (List<String> batch : batches(faceIds, DELETE_BATCH)) {
            DeleteFacesResponse response =
                    rekognition.deleteFaces(b -> b.collectionId(collectionId).faceIds(batch));
            for (UnsuccessfulFaceDeletion failure : response.unsuccessfulFaceDeletions()) {
                if (!failure.reasons().contains(UnsuccessfulFaceDeletionReason.FACE_NOT_FOUND)) {
                    throw new IllegalStateException("Rekognition did not delete a face: " + failure.reasonsAsStrings());
                }
            }
        }
    }

    /**
     * Removes the faces indexed with {@code externalImageId} that are not among {@code known}: what an interrupted
     * invocation may have indexed without recording it. ListFaces cannot filter by ExternalImageId, so this lists
     * the whole collection (one call per 4096 faces): meant for recovery, not for every event.
     *
     * @return how many faces were removed
     */
    public int removeUnrecorded(String externalImageId, Set<String> known) {
        Map<String, List<String>> byUser = new LinkedHashMap<>();
        for (Face face : rekognition
                .listFacesPaginator(b -> b.collectionId(collectionId).maxResults(LIST_PAGE))
                .faces()) {
            if (externalImageId.equals(face.externalImageId()) && !known.contains(face.faceId())) {
                byUser.computeIfAbsent(face.userId() == null ? "" : face.userId(), u -> new ArrayList<>())
                        .add(face.faceId());
            }
        }
        byUser.forEach((userId, faceIds) -> remove(userId.isEmpty() ? null : userId, faceIds));
        return byUser.values().stream().mapToInt(List::size).sum();
    }

    private static List<List<String>> batches(Collection<String> ids, int size) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            batches.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return batches;
    }
}
