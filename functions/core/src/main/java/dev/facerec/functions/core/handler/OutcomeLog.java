package dev.facerec.functions.core.handler;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.facerec.functions.core.Digests;

/**
 * One log line per processed event, through the invocation's {@link LambdaLogger}: with the function's log format
 * set to JSON, the Lambda runtime writes each line as a JSON object with its timestamp, level and the invocation's
 * request id, and drops lines below the function's application log level. The message is {@code key=value} pairs.
 * Object keys can contain person ids, so they are never logged: a short hash of bucket and key correlates lines with
 * the status row instead. Face ids, names and image bytes are never logged either.
 */
public final class OutcomeLog {

    private final String function;
    private final LambdaLogger logger;

    public OutcomeLog(String function, LambdaLogger logger) {
        this.function = function;
        this.logger = logger;
    }

    /** Logs the outcome of one event (INFO). */
    public void outcome(String eventName, String bucket, String key, String outcome, String reason) {
        logger.log(line(eventName, bucket, key, outcome) + (reason == null ? "" : " reason=" + reason), LogLevel.INFO);
    }

    /** Logs an error that will make Lambda retry the event (WARN); the message is the exception type only. */
    public void retrying(String eventName, String bucket, String key, RuntimeException error) {
        logger.log(
                line(eventName, bucket, key, "RETRY") + " error="
                        + error.getClass().getSimpleName(),
                LogLevel.WARN);
    }

    /**
     * Logs a queue message whose body is no S3 event notification (WARN): its SQS message id and the problem's type,
     * never the body.
     */
    public void unreadable(String messageId, RuntimeException problem) {
        logger.log(
                "function=" + function + " message=" + messageId + " outcome=UNREADABLE error="
                        + problem.getClass().getSimpleName(),
                LogLevel.WARN);
    }

    /**
     * Logs a message put back in its queue after {@code seconds} (INFO), or, when {@code problem} is not null, left
     * to the queue's visibility timeout because changing its visibility failed (WARN): message id, never the body.
     */
    public void backoff(String messageId, int seconds, RuntimeException problem) {
        if (problem == null) {
            logger.log(
                    "function=" + function + " message=" + messageId + " outcome=BACKOFF seconds=" + seconds,
                    LogLevel.INFO);
        } else {
            logger.log(
                    "function=" + function + " message=" + messageId + " outcome=BACKOFF_FAILED error="
                            + problem.getClass().getSimpleName(),
                    LogLevel.WARN);
        }
    }

    private String line(String eventName, String bucket, String key, String outcome) {
        return "function=" + function + " event=" + eventName + " object=" + objectRef(bucket, key) + " outcome="
                + outcome;
    }

    /** A stable, non-reversible reference to an object: the first 16 hex digits of SHA-256(bucket/key). */
    public static String objectRef(String bucket, String key) {
        return Digests.sha256Hex(bucket + "/" + key).substring(0, 16);
    }
}
