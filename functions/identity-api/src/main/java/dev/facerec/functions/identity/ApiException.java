package dev.facerec.functions.identity;

/**
 * A request the API answers with an error: the HTTP status, a stable {@code code} and a message for people. Never
 * carries a person id, a face id or image bytes.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 with {@code code}. */
    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** 404: the person is not enrolled. */
    public static ApiException unknownPerson() {
        return new ApiException(404, "PERSON_NOT_FOUND", "no person is enrolled under this id");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds the caller should wait before trying again (429), or {@code null}. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
