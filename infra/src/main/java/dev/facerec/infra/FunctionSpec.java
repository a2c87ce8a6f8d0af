package dev.facerec.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * What differs between the library's functions; everything else is a secure default of {@link SecureFunction}.
 *
 * @param asset the bundled jar ({@link LambdaAssets})
 * @param handler the handler, {@code class::method}
 * @param description the function's description
 * @param memorySize memory in MiB
 * @param timeout the invocation timeout
 * @param environment environment variables, besides {@code JAVA_TOOL_OPTIONS}
 * @param reservedConcurrency reserved concurrency, or {@code null} for none
 * @param maxEventAge how long an asynchronous event may wait and be retried ({@code null} with no failure queue)
 * @param failureQueue where asynchronous events that ran out of retries or age go, or {@code null} for a function
 *     fed by an event queue (no asynchronous invocation settings)
 * @param logRetention retention of the log group
 * @param logRemovalPolicy removal policy of the log group
 * @param tracing X-Ray active tracing or none
 */
record FunctionSpec(
        String asset,
        String handler,
        String description,
        Number memorySize,
        Duration timeout,
        Map<String, String> environment,
        Number reservedConcurrency,
        Duration maxEventAge,
        IQueue failureQueue,
        RetentionDays logRetention,
        RemovalPolicy logRemovalPolicy,
        Tracing tracing) {

    /**
     * A custom resource provider's function in the collection resource's jar: 512 MB, 1 minute; failed invocations
     * retried for an hour (CloudFormation waits that long for an answer) into a failure queue of {@code owner}.
     */
    static FunctionSpec customResourceProvider(Construct owner, String handler, String description) {
        return new FunctionSpec(
                LambdaAssets.COLLECTION_RESOURCE,
                handler,
                description,
                512,
                Duration.minutes(1),
                Map.of(),
                null,
                Duration.hours(1),
                FailureQueue.create(owner, "FailedRequests", RemovalPolicy.DESTROY),
                RetentionDays.ONE_MONTH,
                RemovalPolicy.DESTROY,
                Tracing.DISABLED);
    }
}
