package dev.facerec.functions.collection;

import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.CreateCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/** The Rekognition side of the custom resource: make sure a collection exists, or remove it. */
final class CollectionService {

    private final RekognitionClient rekognition;

    CollectionService(RekognitionClient rekognition) {
        this.rekognition = rekognition;
    }

    /**
     * Returns the collection, creating it when absent. An existing collection is adopted as it is (for example one
     * retained by an earlier stack), so that repeating a request is harmless.
     */
    CollectionState ensure(String collectionId) {
        try {
            return describe(collectionId);
        } catch (ResourceNotFoundException absent) {
            return create(collectionId);
        }
    }

    /** Deletes the collection and every face and user in it; a collection that is already gone is fine. */
    void delete(String collectionId) {
        try {
            rekognition.deleteCollection(request -> request.collectionId(collectionId));
        } catch (ResourceNotFoundException alreadyGone) {
            // nothing to delete
        }
    }

    private CollectionState create(String collectionId) {
        try {
            CreateCollectionResponse created =
                    rekognition.createCollection(request -> request.collectionId(collectionId));
            return CollectionState.of(collectionId, created.collectionArn(), created.faceModelVersion());
        } catch (ResourceAlreadyExistsException createdMeanwhile) {
            return describe(collectionId);
        }
    }

    private CollectionState describe(String collectionId) {
        DescribeCollectionResponse described =
                rekognition.describeCollection(request -> request.collectionId(collectionId));
        return CollectionState.of(collectionId, described.collectionARN(), described.faceModelVersion());
    }
}
