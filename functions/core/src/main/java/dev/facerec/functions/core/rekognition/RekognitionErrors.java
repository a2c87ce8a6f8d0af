package dev.facerec.functions.core.rekognition;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/**
 * Sorts Rekognition errors into those worth retrying (throttling, server faults: rethrown so that Lambda retries
 * the event and finally hands it to the on-failure destination) and those that will fail again whatever happens
 * (bad image, bad parameter, missing collection, no permission: recorded as a REJECTED object, not rethrown).
 */
public final class RekognitionErrors {

    private static final Set<String> RETRYABLE = Set.of(
            "ThrottlingException",
            "ProvisionedThroughputExceededException",
            "InternalServerError",
            "ServiceUnavailableException",
            "LimitExceededException",
            "ConflictException");

    private static final int SERVER_ERROR = 500;
    private static final int TOO_MANY_REQUESTS = 429;

    private RekognitionErrors() {}

    /** Whether the error is worth retrying: a throttle, a 5xx, or a client-side failure (network, timeout). */
    public static boolean isRetryable(RuntimeException error) {
        if (!(error instanceof AwsServiceException service)) {
            return true;
        }
        String code = errorCode(service);
        return RETRYABLE.contains(code)
                || service.statusCode() >= SERVER_ERROR
                || service.statusCode() == TOO_MANY_REQUESTS
                || service.isThrottlingException();
    }

    /** The error code ({@code __type} on the wire), or the exception's simple name when there is none. */
    public static String errorCode(AwsServiceException error) {
        if (error.awsErrorDetails() != null && error.awsErrorDetails().errorCode() != null) {
            return error.awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }

    /**
     * Turns a non-retryable Rekognition error into the rejection it stands for; rethrows a retryable one unchanged.
     *
     * @throws RekognitionException the error itself when it is retryable
     */
    public static RejectedException toRejection(RekognitionException error) {
        if (isRetryable(error)) {
            throw error;
        }
        String code = errorCode(error);
        return switch (code) {
            case "InvalidImageFormatException" ->
                new RejectedException(Reason.NOT_AN_IMAGE, "Rekognition cannot read the image", code, error);
            case "ImageTooLargeException" ->
                new RejectedException(Reason.TOO_LARGE, "the image is over Rekognition's limits", code, error);
            default ->
                new RejectedException(
                        Reason.REKOGNITION_ERROR, "Rekognition refused the request (" + code + ")", code, error);
        };
    }
}
