package dev.facerec.engine.store;

import java.util.List;

/**
 * A user of a collection and the faces associated with it (sorted by FaceId).
 *
 * @param userId  the caller's id
 * @param faceIds associated faces, at most {@value StoredCollection#MAX_FACES_PER_USER}
 */
public record StoredUser(String userId, List<String> faceIds) {

    public StoredUser {
        faceIds = List.copyOf(faceIds);
    }

    public UserStatus status() {
        return faceIds.isEmpty() ? UserStatus.CREATED : UserStatus.ACTIVE;
    }
}
