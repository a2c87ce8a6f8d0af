package dev.facerec.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** The on-failure destination of asynchronous invocations: an encrypted, TLS-only SQS queue. */
final class FailureQueue {

    /** The longest SQS keeps a message: time for an operator to look at a failed event and replay it. */
    static final Duration RETENTION = Duration.days(14);

    private FailureQueue() {}

    static Queue create(Construct scope, String id, RemovalPolicy removalPolicy) {
        Queue queue = Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .removalPolicy(removalPolicy)
                .build();
        NagSuppressions.add(
                queue,
                "AwsSolutions-SQS3",
                "This queue is itself the dead-letter destination of failed asynchronous Lambda invocations;"
                        + " a dead-letter queue of a dead-letter queue would only move the same messages again.");
        return queue;
    }
}
