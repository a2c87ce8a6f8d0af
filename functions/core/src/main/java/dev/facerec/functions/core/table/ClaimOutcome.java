package dev.facerec.functions.core.table;

/** What an attempt to claim an object for one event found ({@link Claim}). */
public enum ClaimOutcome {
    /** This invocation holds the object and must finish or release it. */
    CLAIMED,
    /** The event was already processed (same sequencer and content). */
    DUPLICATE,
    /** A later event of the same key was already processed: this one is out of order. */
    OUT_OF_ORDER,
    /**
     * A {@link ClaimCondition} given with the claim failed (the object's person or tenant is being erased, or was
     * after S3 recorded the event): nothing was written, the event is ignored.
     */
    IGNORED
}
