package dev.facerec.twin.lambda;

import java.time.Duration;

/**
 * How Lambda treats a function's asynchronous invocations ({@code AWS::Lambda::EventInvokeConfig}).
 *
 * @param maximumRetryAttempts 0 to 2 retries after a function error
 * @param maximumEventAge how long an event may wait in the queue, 60 s to 6 h
 * @param onSuccessDestination an SQS queue or Lambda function ARN, or {@code null}
 * @param onFailureDestination an SQS queue or Lambda function ARN, or {@code null}
 */
public record EventInvokeConfig(
        int maximumRetryAttempts, Duration maximumEventAge, String onSuccessDestination, String onFailureDestination) {

    /** What Lambda does without a configuration: two retries, events kept up to six hours, no destinations. */
    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(2, Duration.ofHours(6), null, null);

    public EventInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException(
                    "MaximumRetryAttempts must be between 0 and 2, got " + maximumRetryAttempts);
        }
        long seconds = maximumEventAge.toSeconds();
        if (seconds < 60 || seconds > 21600) {
            throw new IllegalArgumentException("MaximumEventAgeInSeconds must be between 60 and 21600, got " + seconds);
        }
    }
}
