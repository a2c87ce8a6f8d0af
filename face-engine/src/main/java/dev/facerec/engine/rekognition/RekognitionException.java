package dev.facerec.engine.rekognition;

/**
 * An error answered to the client: its wire type, HTTP status and message. The status is normally the type's
 * own; injected faults may choose another.
 */
public final class RekognitionException extends RuntimeException {

    private final String type;
    private final int status;

    public RekognitionException(ErrorType type, String message) {
        this(type.code(), type.status(), message);
    }

    public RekognitionException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** The {@code __type} sent to the client, e.g. {@code InvalidParameterException}. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    static RekognitionException invalidParameter(String message) {
        return new RekognitionException(ErrorType.INVALID_PARAMETER, message);
    }

    static RekognitionException collectionNotFound(String collectionId) {
        return new RekognitionException(
                ErrorType.RESOURCE_NOT_FOUND, "The collection id: " + collectionId + " does not exist");
    }
}
