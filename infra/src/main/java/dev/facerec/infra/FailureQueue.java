package dev.facerec.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** The on-failure destination of asynchronous invocations: an encrypted, TLS-only SQS queue. */
final class FailureQueue {

    /** The longest SQS keeps a message: time for an operator to look at a failed event and replay it. */
    static final Duration RETENTION = Duration.days(14);

    /**
     * EventBridge's retries of a scheduled invocation it could not deliver (Lambda throttled or unavailable); an
     * event that still fails goes to the failure queue.
     */
    static final int EVENT_RETRY_ATTEMPTS = 3;

    private FailureQueue() {}

    /**
     * A schedule's target: {@code function}, with EventBridge's retries and {@code queue} as the rule target's
     * dead-letter queue (under the pipeline's customer managed key, the key policy lets EventBridge use it).
     */
    static LambdaFunction scheduledTarget(SecureFunction function, IQueue queue) {
        DataProtection protection = DataProtection.of(function);
        if (protection != null && protection.key() != null) {
            protection.allowEventBridgeDeadLetters();
        }
        return new LambdaFunction(
                function.getFunction(),
                LambdaFunctionProps.builder()
                        .deadLetterQueue(queue)
                        .retryAttempts(EVENT_RETRY_ATTEMPTS)
                        .maxEventAge(Duration.hours(1))
                        .build());
    }

    static Queue create(Construct scope, String id, RemovalPolicy removalPolicy) {
        Queue queue = DataProtection.encrypt(scope, Queue.Builder.create(scope, id))
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .removalPolicy(removalPolicy)
                .build();
        CompliancePacks.suppressDeadLetterQueueFindings(queue);
        return queue;
    }
}
