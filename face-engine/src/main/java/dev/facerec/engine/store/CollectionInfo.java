package dev.facerec.engine.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a collection was created with.
 *
 * @param collectionId     the caller's id
 * @param arn              the collection's ARN
 * @param faceModelVersion the face model version at creation
 * @param dimension        length of the identity vectors it holds
 * @param createdMillis    creation time, epoch milliseconds
 * @param tags             the tags given to CreateCollection (TagResource and UntagResource change them later)
 */
public record CollectionInfo(
        String collectionId,
        String arn,
        String faceModelVersion,
        int dimension,
        long createdMillis,
        Map<String, String> tags) {

    public CollectionInfo {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** A collection created without tags. */
    public CollectionInfo(String collectionId, String arn, String faceModelVersion, int dimension, long createdMillis) {
        this(collectionId, arn, faceModelVersion, dimension, createdMillis, Map.of());
    }
}
