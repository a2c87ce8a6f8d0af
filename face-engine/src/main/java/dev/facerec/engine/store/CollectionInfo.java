package dev.facerec.engine.store;

/**
 * What a collection was created with.
 *
 * @param collectionId     the caller's id
 * @param arn              the collection's ARN
 * @param faceModelVersion the face model version at creation
 * @param dimension        length of the identity vectors it holds
 * @param createdMillis    creation time, epoch milliseconds
 */
public record CollectionInfo(
    String collectionId, String arn, String faceModelVersion, int dimension, long createdMillis) {}
