package dev.facerec.functions.core.status;

/** The state of an uploaded object in the table's status row. */
public enum ObjectStatus {
    /** An invocation holds the object (its lease is in the row). */
    PROCESSING,
    /** Enrolment photo: its face is in the collection and recorded. */
    INDEXED,
    /** Photo to recognise: the result was written. */
    RECOGNIZED,
    /** Consent document: its consent record was written. */
    RECORDED,
    /** The object was refused; the row says why ({@link Reason}). */
    REJECTED,
    /** The object was deleted and what it contributed was removed. */
    REMOVED,
    /** The object changed or vanished before it could be read; a later event covers it. */
    STALE
}
