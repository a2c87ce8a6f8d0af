package dev.facerec.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** The on-failure destination of asynchronous invocations: an encrypted, TLS-only SQS queue. */
final class FailureQueue {

    /** The longest SQS keeps a message: time for an operator to look at a failed event and replay it. */
    static final Duration RETENTION = Duration.days(14);

    private FailureQueue() {}

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
