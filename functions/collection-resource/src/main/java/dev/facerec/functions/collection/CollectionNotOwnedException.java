package dev.facerec.functions.collection;

/** A collection of the requested id exists, and this custom resource did not create it. */
final class CollectionNotOwnedException extends RuntimeException {

    CollectionNotOwnedException(String collectionId) {
        super("A collection with the id '" + collectionId + "' already exists and was not created by this resource"
                + " (it may be retained from a deleted stack, or belong to another stack). Its faces have no rows in"
                + " this stack's table, so nothing could erase them. Choose another collectionId, import it with"
                + " FaceCollection.fromCollectionId, or set adoptExistingCollection to take it over as it is.");
    }
}
