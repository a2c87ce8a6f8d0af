package dev.facerec.functions.core.status;

/**
 * The object named by an event is gone or was replaced before it could be read. A later event (the deletion or the
 * new upload) covers it, so the event ends in a {@link ObjectStatus#STALE} row and is not retried.
 */
public final class StaleObjectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StaleObjectException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
