package dev.facerec.functions.core.recognition;

/** The outcome of searching one face (the result JSON's {@code identity.status}). */
public enum IdentityStatus {
    /** A person of the collection matched above the threshold. */
    IDENTIFIED,
    /** The face was searched; nobody matched above the threshold. */
    UNKNOWN,
    /** The face could not be searched (no searchable face in its crop, or another face was larger there). */
    NOT_SEARCHED,
    /** The face was identified as a person who has since been erased: the identity was removed from the result. */
    ERASED
}
