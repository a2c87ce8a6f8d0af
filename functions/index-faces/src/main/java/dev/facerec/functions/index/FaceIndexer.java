package dev.facerec.functions.index;

import dev.facerec.functions.core.enrollment.CollectionFaces;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AssociateFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceRecord;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.UnindexedFace;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceAssociation;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceAssociationReason;

/**
 * Indexes the single face of an enrolment photo and associates it to the person's Rekognition user.
 *
 * <p>IndexFaces runs with {@code MaxFaces = 1} and the AUTO quality filter: a second face that passes the filter
 * comes back unindexed as {@code EXCEEDS_MAX_FACES}, which rejects the photo as MULTIPLE_FACES (the indexed face is
 * deleted again: nothing is guessed). The face ids are reported to {@code onIndexed} as soon as IndexFaces returns,
 * so that a crash later leaves a record of what to clean up; if that report fails, the faces are deleted at once.
 */
public final class FaceIndexer {

    private final RekognitionClient rekognition;
    private final String collectionId;
    private final CollectionFaces faces;
    private final boolean createsCollection;

    /**
     * @param createsCollection whether a missing collection is created (a tenant's, on first use) rather than an
     *     error
     */
    public FaceIndexer(
            RekognitionClient rekognition, String collectionId, CollectionFaces faces, boolean createsCollection) {
        this.rekognition = rekognition;
        this.collectionId = collectionId;
        this.faces = faces;
        this.createsCollection = createsCollection;
    }

    /**
     * Indexes the face of the photo named by {@code event} for {@code personId}.
     *
     * @param onIndexed told the ids of the faces IndexFaces added, before anything else happens
     * @throws RejectedException   NO_FACE, MULTIPLE_FACES, LOW_QUALITY, FACE_MISMATCH, or a non-retryable error
     * @throws RekognitionException a retryable error (the faces recorded through {@code onIndexed} stay to clean up)
     */
    public IndexedFace index(S3ObjectEvent event, String personId, Consumer<List<String>> onIndexed) {
        IndexFacesResponse response;
        try {
            response = indexFaces(event);
        } catch (ResourceNotFoundException missing) {
            if (!createsCollection) {
                throw RekognitionErrors.toRejection(missing);
            }
            faces.ensureCollection();
            response = indexFacesOrReject(event);
        } catch (RekognitionException e) {
            throw RekognitionErrors.toRejection(e);
        }
        List<String> faceIds =
                response.faceRecords().stream().map(r -> r.face().faceId()).toList();
        if (!faceIds.isEmpty()) {
            record(faceIds, onIndexed);
        }
        try {
            checkOneGoodFace(response);
            FaceRecord record = response.faceRecords().get(0);
            associate(personId, record.face().faceId());
            return new IndexedFace(record, response.faceModelVersion());
        } catch (RejectedException rejection) {
            faces.remove(null, faceIds);
            throw rejection;
        } catch (RekognitionException e) {
            if (RekognitionErrors.isRetryable(e)) {
                throw e;
            }
            faces.remove(null, faceIds);
            throw RekognitionErrors.toRejection(e);
        }
    }

    private IndexFacesResponse indexFacesOrReject(S3ObjectEvent event) {
        try {
            return indexFaces(event);
        } catch (RekognitionException e) {
            throw RekognitionErrors.toRejection(e);
        }
    }

    private IndexFacesResponse indexFaces(S3ObjectEvent event) {
        return rekognition.indexFaces(b -> b.collectionId(collectionId)
                .image(i -> i.s3Object(
                        o -> o.bucket(event.bucket()).name(event.key()).version(event.versionId())))
                .externalImageId(ExternalImageIds.forKey(event.key()))
                .maxFaces(1)
                .qualityFilter(QualityFilter.AUTO));
    }

    /** Reports the new faces; when that fails (the table is unreachable, the lease was lost), deletes them again. */
    private void record(List<String> faceIds, Consumer<List<String>> onIndexed) {
        try {
            onIndexed.accept(faceIds);
        } catch (RuntimeException error) {
            try {
                faces.remove(null, faceIds);
            } catch (RuntimeException cleanup) {
                error.addSuppressed(cleanup);
            }
            throw error;
        }
    }

    private static void checkOneGoodFace(IndexFacesResponse response) {
        long more = response.unindexedFaces().stream()
                .filter(u -> u.reasons()
                        .contains(software.amazon.awssdk.services.rekognition.model.Reason.EXCEEDS_MAX_FACES))
                .count();
        int indexed = response.faceRecords().size();
        if (more > 0 || indexed > 1) {
            throw new RejectedException(
                    Reason.MULTIPLE_FACES,
                    "the photo shows " + (indexed + more) + " faces; an enrolment photo must show exactly one person");
        }
        if (indexed == 0 && response.unindexedFaces().isEmpty()) {
            throw new RejectedException(Reason.NO_FACE, "no face was found in the photo");
        }
        if (indexed == 0) {
            TreeSet<String> reasons = new TreeSet<>();
            for (UnindexedFace face : response.unindexedFaces()) {
                reasons.addAll(face.reasonsAsStrings());
            }
            throw new RejectedException(
                    Reason.LOW_QUALITY,
                    "the face did not pass Rekognition's quality filter: " + String.join(", ", reasons));
        }
    }

    private void associate(String personId, String faceId) {
        faces.ensureUser(personId);
        AssociateFacesResponse response;
        try {
            response = rekognition.associateFaces(
                    b -> b.collectionId(collectionId).userId(personId).faceIds(faceId));
        } catch (ResourceNotFoundException userDeletedMeanwhile) {
            faces.ensureUser(personId);
            response = rekognition.associateFaces(
                    b -> b.collectionId(collectionId).userId(personId).faceIds(faceId));
        }
        for (UnsuccessfulFaceAssociation failure : response.unsuccessfulFaceAssociations()) {
            if (failure.reasons().contains(UnsuccessfulFaceAssociationReason.LOW_MATCH_CONFIDENCE)) {
                throw new RejectedException(
                        Reason.FACE_MISMATCH, "the face does not match the faces already enrolled for this person");
            }
            throw new IllegalStateException("Rekognition did not associate the face: " + failure.reasonsAsStrings());
        }
    }
}
