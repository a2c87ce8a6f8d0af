package dev.facerec.functions.core.status;

import java.util.Objects;

/**
 * Raised when an object must be rejected: it ends in a REJECTED status row with {@link #reason()} and a short
 * human-readable {@link #detail()}, and the invocation succeeds (nothing is retried).
 */
public final class RejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Reason reason;
    private final String errorCode;

    public RejectedException(Reason reason, String detail) {
        this(reason, detail, null, null);
    }

    public RejectedException(Reason reason, String detail, String errorCode, Throwable cause) {
        super(detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.errorCode = errorCode;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    /** The Rekognition error code behind the rejection, or {@code null}. */
    public String errorCode() {
        return errorCode;
    }
}
