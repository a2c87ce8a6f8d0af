package dev.facerec.engine.rekognition;

import java.util.Arrays;
import java.util.Optional;

/**
 * The errors the server answers with: Rekognition's {@code __type} (from which the AWS SDK picks its exception
 * class, e.g. {@code InvalidParameterException}) and the HTTP status Rekognition sends with it. Client errors are
 * 400; {@code InternalServerError} is 500. The SDK retries {@code ThrottlingException},
 * {@code ProvisionedThroughputExceededException} and 5xx by themselves.
 */
public enum ErrorType {
    ACCESS_DENIED("AccessDeniedException", 400),
    CONFLICT("ConflictException", 400),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatchException", 400),
    IMAGE_TOO_LARGE("ImageTooLargeException", 400),
    INTERNAL_SERVER_ERROR("InternalServerError", 500),
    INVALID_IMAGE_FORMAT("InvalidImageFormatException", 400),
    INVALID_PAGINATION_TOKEN("InvalidPaginationTokenException", 400),
    INVALID_PARAMETER("InvalidParameterException", 400),
    INVALID_S3_OBJECT("InvalidS3ObjectException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    SERIALIZATION("SerializationException", 400),
    SESSION_NOT_FOUND("SessionNotFoundException", 400),
    SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400),
    THROTTLING("ThrottlingException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400);

    private final String code;
    private final int status;

    ErrorType(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The wire name, sent as {@code __type}. */
    public String code() {
        return code;
    }

    /** The HTTP status Rekognition answers this error with. */
    public int status() {
        return status;
    }

    /** The error type whose wire name is {@code code}. */
    public static Optional<ErrorType> ofCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
