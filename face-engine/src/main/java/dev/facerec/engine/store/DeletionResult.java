package dev.facerec.engine.store;

import java.util.List;

/**
 * What a DeleteFaces did.
 *
 * @param deleted faces removed from the collection
 * @param failed  faces not removed: not found, or still associated with a user
 */
public record DeletionResult(List<String> deleted, List<FaceFailure> failed) {
    public DeletionResult {
        deleted = List.copyOf(deleted);
        failed = List.copyOf(failed);
    }
}
