package dev.facerec.engine.store;

/** A {@code ClientRequestToken} was reused with different parameters. */
public final class IdempotencyMismatchException extends RuntimeException {
    public IdempotencyMismatchException(IdempotencyKey key) {
        super("ClientRequestToken " + key.token() + " was already used for a different " + key.operation()
                + " request");
    }
}
