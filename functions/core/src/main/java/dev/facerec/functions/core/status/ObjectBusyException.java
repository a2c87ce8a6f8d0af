package dev.facerec.functions.core.status;

/**
 * Another invocation holds the object (a duplicate event delivered concurrently, or a retry while the first attempt
 * is still running). Retryable: Lambda delivers the event again later, when the holder has finished or its lease
 * has expired.
 */
public final class ObjectBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ObjectBusyException(String message) {
        super(message);
    }
}
