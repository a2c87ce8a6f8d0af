package dev.facerec.twin;

import dev.facerec.twin.lambda.LambdaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a twin runs.
 *
 * @param dataDirectory the one directory that holds all state: objects, tables, queues, collections, functions,
 *     queued events, stack records, logs
 * @param region the region of every ARN and client
 * @param accountId the account of every ARN: what {@code AWS::AccountId} resolves to and what SQS, Lambda and
 *     Rekognition put in the ARNs they return
 * @param retryDelays the waits before Lambda's first and second asynchronous retry (Lambda: 1 and 2 minutes)
 * @param lambdaConcurrency the concurrency cap of functions without reserved concurrency
 * @param customResourceTimeout how long a custom resource provider may take to answer after it returns
 */
public record TwinSettings(
        Path dataDirectory,
        String region,
        String accountId,
        List<Duration> retryDelays,
        int lambdaConcurrency,
        Duration customResourceTimeout) {

    public TwinSettings {
        retryDelays = List.copyOf(retryDelays);
    }

    /** The twin as it runs for a person: Lambda's own retry delays, in {@code us-east-1}, account 000000000000. */
    public static TwinSettings defaults(Path dataDirectory) {
        return new TwinSettings(
                dataDirectory,
                "us-east-1",
                "000000000000",
                LambdaSettings.LAMBDA_RETRY_DELAYS,
                2,
                Duration.ofMinutes(2));
    }

    /** The same settings with other retry delays (tests use short ones). */
    public TwinSettings withRetryDelays(Duration first, Duration second) {
        return new TwinSettings(
                dataDirectory, region, accountId, List.of(first, second), lambdaConcurrency, customResourceTimeout);
    }
}
