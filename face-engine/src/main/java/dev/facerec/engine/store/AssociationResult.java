package dev.facerec.engine.store;

import java.util.List;

/**
 * What an AssociateFaces or DisassociateFaces would do or did.
 *
 * @param userFound  false when the user does not exist (nothing was changed)
 * @param overQuota  true when the user would exceed {@value StoredCollection#MAX_FACES_PER_USER} faces (nothing
 *                   was changed)
 * @param succeeded  faces (dis)associated by this call; faces already in the requested state are in neither list
 * @param failed     faces left alone, with the reason
 * @param status     the user's status afterwards
 */
public record AssociationResult(
        boolean userFound, boolean overQuota, List<String> succeeded, List<FaceFailure> failed, UserStatus status) {

    public AssociationResult {
        succeeded = List.copyOf(succeeded);
        failed = List.copyOf(failed);
    }

    static AssociationResult userMissing() {
        return new AssociationResult(false, false, List.of(), List.of(), UserStatus.CREATED);
    }
}
