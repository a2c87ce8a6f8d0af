package dev.facerec.twin.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How the twin's Lambda runs functions.
 *
 * @param dataDirectory where function definitions, unpacked code, queued events and logs are kept
 * @param region the region in ARNs and {@code AWS_REGION}
 * @param accountId the account in ARNs
 * @param serviceEndpoints extra environment for every function, e.g. {@code AWS_ENDPOINT_URL_S3}
 * @param retryDelays the waits before the first and second retry of a failed asynchronous event (Lambda: about 1
 *     and 2 minutes)
 * @param defaultConcurrency the concurrency cap of a function without reserved concurrency
 * @param initTimeout how long a new execution environment may take to ask for its first invocation
 * @param javaExecutable the {@code java} command that runs function processes
 */
public record LambdaSettings(
        Path dataDirectory,
        String region,
        String accountId,
        Map<String, String> serviceEndpoints,
        List<Duration> retryDelays,
        int defaultConcurrency,
        Duration initTimeout,
        Path javaExecutable) {

    /** Lambda's own waits before the first and second retry. */
    public static final List<Duration> LAMBDA_RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    public LambdaSettings {
        serviceEndpoints = Map.copyOf(serviceEndpoints);
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.size() != 2) {
            throw new IllegalArgumentException(
                    "retryDelays needs the waits before retry 1 and retry 2, got " + retryDelays);
        }
        if (defaultConcurrency < 1) {
            throw new IllegalArgumentException("defaultConcurrency must be at least 1, got " + defaultConcurrency);
        }
    }

    /** Settings with Lambda's retry delays, a cap of 2 concurrent executions and this JVM's {@code java}. */
    public static LambdaSettings defaults(
            Path dataDirectory, String region, String accountId, Map<String, String> serviceEndpoints) {
        return new LambdaSettings(
                dataDirectory,
                region,
                accountId,
                serviceEndpoints,
                LAMBDA_RETRY_DELAYS,
                2,
                Duration.ofSeconds(60),
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The same settings with other retry delays (tests use milliseconds). */
    public LambdaSettings withRetryDelays(Duration first, Duration second) {
        return new LambdaSettings(
                dataDirectory,
                region,
                accountId,
                serviceEndpoints,
                List.of(first, second),
                defaultConcurrency,
                initTimeout,
                javaExecutable);
    }

    /** The ARN of a function of this twin. */
    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }
}
