package dev.facerec.functions.identity;

/** Why {@code POST /people/{personId}/verify-live} did not verify (the answer's {@code reasons}). */
enum LiveReason {
    /** Rekognition knows no session with this id. */
    SESSION_NOT_FOUND,
    /** The session was used for a check before: a session serves one. */
    SESSION_ALREADY_USED,
    /** The session expired (3 minutes) before the check was made in it. */
    SESSION_EXPIRED,
    /** The liveness check failed, or its confidence was under the threshold (which is not disclosed). */
    NOT_LIVE,
    /** The session's reference image is not the claimed person (as {@code /verify} decides). */
    FACE_NOT_MATCHED,
    /** No face was found in the reference image. */
    NO_FACE,
    /** No face in the reference image passed Rekognition's quality filter. */
    LOW_QUALITY,
    /** The person has no user vector to compare with. */
    NOT_ENROLLED,
    /** Someone else enrolled is more similar to the reference image than the claimed person. */
    OTHER_PERSON_SCORED_HIGHER
}
