package dev.facerec.functions.collection;

/**
 * A collection as Rekognition describes it.
 *
 * @param collectionId the collection id, which is also the custom resource's physical id
 * @param arn the collection ARN, always starting with {@code arn:}
 * @param faceModelVersion the face model version the collection was created with
 */
record CollectionState(String collectionId, String arn, String faceModelVersion) {

    /**
     * Builds a state from an ARN as Rekognition returns it: CreateCollection answers without the leading
     * {@code arn:} ({@code aws:rekognition:…}), DescribeCollection with it.
     */
    static CollectionState of(String collectionId, String arn, String faceModelVersion) {
        String normalized = arn == null || arn.startsWith("arn:") ? arn : "arn:" + arn;
        return new CollectionState(collectionId, normalized, faceModelVersion);
    }
}
