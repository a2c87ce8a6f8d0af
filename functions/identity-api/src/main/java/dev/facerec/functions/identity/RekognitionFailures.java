package dev.facerec.functions.identity;

import dev.facerec.functions.core.rekognition.RekognitionErrors;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/**
 * Rekognition errors as API errors: throttling is a 429 with {@code Retry-After} (the caller slows down), other
 * transient faults a 503, an image Rekognition cannot read a 400; what is not the caller's doing is a 502.
 */
final class RekognitionFailures {

    /** Seconds a throttled caller is asked to wait. */
    static final int RETRY_AFTER_SECONDS = 1;

    private RekognitionFailures() {}

    static ApiException toApi(RekognitionException error) {
        String code = RekognitionErrors.errorCode(error);
        if (error.isThrottlingException()
                || error.statusCode() == 429
                || code.equals("ThrottlingException")
                || code.equals("ProvisionedThroughputExceededException")
                || code.equals("LimitExceededException")) {
            return new ApiException(
                    429, "THROTTLED", "too many requests for face analysis: try again shortly", RETRY_AFTER_SECONDS);
        }
        if (RekognitionErrors.isRetryable(error)) {
            return new ApiException(
                    503, "SERVICE_UNAVAILABLE", "face analysis is unavailable: try again shortly", RETRY_AFTER_SECONDS);
        }
        return switch (code) {
            case "InvalidImageFormatException" ->
                ApiException.badRequest("NOT_AN_IMAGE", "Rekognition cannot read the image");
            case "ImageTooLargeException" ->
                ApiException.badRequest("TOO_LARGE", "the image is over Rekognition's limits");
            default -> new ApiException(502, "REKOGNITION_ERROR", "face analysis refused the request (" + code + ")");
        };
    }
}
