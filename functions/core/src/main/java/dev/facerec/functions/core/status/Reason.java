package dev.facerec.functions.core.status;

/** Why an object was rejected. Written to the status row as {@code reason}; documented in docs/functions.md. */
public enum Reason {
    /** Not a JPEG or PNG (by its bytes, not its name), empty, truncated or corrupt. */
    NOT_AN_IMAGE,
    /** Over the byte-size limit, or a side over the pixel limit. */
    TOO_LARGE,
    /** A side under 80 pixels. */
    TOO_SMALL,
    /** No face found. */
    NO_FACE,
    /** An enrolment photo with more than one face: the function does not guess which one is meant. */
    MULTIPLE_FACES,
    /** Faces were found but all failed Rekognition's quality filter (blur, darkness, pose, size). */
    LOW_QUALITY,
    /** The key does not follow the upload conventions (e.g. a person id outside Rekognition's charset). */
    INVALID_KEY,
    /** Object metadata the function reads is malformed (e.g. {@code x-amz-meta-lists} with a bad list name). */
    INVALID_METADATA,
    /** The face does not match the faces already enrolled for this person (AssociateFaces refused it). */
    FACE_MISMATCH,
    /**
     * An enrolment photo of a person without valid consent (none recorded, expired, or withdrawn) while consent is
     * required: the photo was deleted with all its versions and nothing of it was indexed.
     */
    NO_CONSENT,
    /** A consent document that breaks the schema (docs/api.md, "Consent"); the row's {@code errorCode} says how. */
    INVALID_CONSENT,
    /** Rekognition refused the request with a non-retryable error; the row's {@code errorCode} names it. */
    REKOGNITION_ERROR
}
