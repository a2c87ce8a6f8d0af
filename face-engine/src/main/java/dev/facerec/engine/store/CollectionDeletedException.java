package dev.facerec.engine.store;

/** The collection was deleted while a request was using it. */
public final class CollectionDeletedException extends RuntimeException {
    public CollectionDeletedException(String collectionId) {
        super("The collection id: " + collectionId + " does not exist");
    }
}
