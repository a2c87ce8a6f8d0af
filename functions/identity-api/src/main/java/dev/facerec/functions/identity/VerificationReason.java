package dev.facerec.functions.identity;

/** Why a verification could not compare a face with the claimed person (the answer's {@code reason}). */
enum VerificationReason {
    /** Rekognition found no face in the probe. */
    NO_FACE,
    /** Faces were found, but none passed Rekognition's quality filter (blur, darkness, pose, size). */
    LOW_QUALITY,
    /** The person has a row but no user vector to compare with (an enrolment still in progress, or erased). */
    NOT_ENROLLED
}
