package dev.facerec.engine.store;

/**
 * A face that an association, disassociation or deletion left alone, and why.
 *
 * @param faceId the face
 * @param userId the user involved (the face's current user, or the requested one), or null
 * @param reason Rekognition's reason code
 * @param cosine for {@link Reason#LOW_MATCH_CONFIDENCE}, the face's cosine similarity to the user; otherwise NaN
 */
public record FaceFailure(String faceId, String userId, Reason reason, float cosine) {

    /** Rekognition's reason codes for unsuccessful face associations, disassociations and deletions. */
    public enum Reason {
        FACE_NOT_FOUND,
        ASSOCIATED_TO_A_DIFFERENT_USER,
        LOW_MATCH_CONFIDENCE,
        ASSOCIATED_TO_AN_EXISTING_USER
    }
}
