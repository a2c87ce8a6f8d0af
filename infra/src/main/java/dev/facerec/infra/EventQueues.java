package dev.facerec.infra;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * S3 → SQS → Lambda for the queue-fed functions: a queue per function that the bucket notifies
 * ({@link QueueNotifications}), an event source mapping with {@code MaximumConcurrency} as the cap on the
 * function's invocations (hence on its Rekognition calls) and {@code ReportBatchItemFailures}, and one dead-letter
 * queue for both. Every queue is encrypted with SQS-managed keys (S3 cannot publish to a queue under the AWS managed
 * key {@code aws/sqs}, and SSE-SQS needs no KMS permission anywhere), refuses requests without TLS and keeps
 * messages 14 days, the most SQS allows.
 */
final class EventQueues extends Construct {

    /** The longest SQS keeps a message. */
    static final Duration RETENTION = Duration.days(14);
    /** AWS's advice: a visibility timeout of at least six times the function's timeout. */
    static final int VISIBILITY_TIMEOUTS = 6;
    /**
     * Receives before a message moves to the dead-letter queue: AWS advises at least 5. The functions shorten a
     * failed message's visibility to a growing backoff (docs/functions.md), so ten receives span about 20 minutes.
     */
    static final int MAX_RECEIVE_COUNT = 10;
    /** S3 events per invocation: each photo takes about a second or two, well inside the functions' timeouts. */
    static final int BATCH_SIZE = 5;

    private final Queue deadLetterQueue;
    private final IBucket bucket;
    private final RemovalPolicy removalPolicy;
    private final Map<Queue, QueueNotifications> destinations = new HashMap<>();

    EventQueues(Construct scope, String id, IBucket bucket, RemovalPolicy removalPolicy) {
        super(scope, id);
        this.bucket = bucket;
        this.removalPolicy = removalPolicy;
        this.deadLetterQueue = queue("DeadLetters", null, null);
        CompliancePacks.suppressDeadLetterQueueFindings(deadLetterQueue);
    }

    /**
     * A queue feeding {@code function}: its visibility timeout six times the function's, its redrive to the
     * dead-letter queue, its event source mapping capped at {@code maxConcurrency} invocations at once.
     */
    Queue feed(String id, SecureFunction function, Duration timeout, Number maxConcurrency) {
        Duration visibility = Duration.seconds(timeout.toSeconds().intValue() * VISIBILITY_TIMEOUTS);
        Queue queue = queue(
                id,
                visibility,
                DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(MAX_RECEIVE_COUNT)
                        .build());
        function.getFunction()
                .addEventSource(new SqsEventSource(
                        queue,
                        SqsEventSourceProps.builder()
                                .batchSize(BATCH_SIZE)
                                .maxConcurrency(maxConcurrency)
                                .reportBatchItemFailures(true)
                                .build()));
        function.getFunction().getNode().findAll().stream()
                .filter(child -> child instanceof CfnEventSourceMapping)
                .forEach(
                        mapping -> CompliancePacks.suppressEventSourceMappingFindings((CfnEventSourceMapping) mapping));
        return queue;
    }

    /** The destination of bucket notifications for {@code queue} (one per queue, so its policy has one statement). */
    QueueNotifications notifications(Queue queue) {
        return destinations.computeIfAbsent(queue, q -> new QueueNotifications(q, bucket));
    }

    Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * Messages waiting in the dead-letter queue (the maximum over a minute): S3 events a function failed on
     * {@link #MAX_RECEIVE_COUNT} times. Alarm on it being above zero.
     */
    Metric metricDeadLetters() {
        return deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                .period(Duration.minutes(1))
                .statistic("Maximum")
                .build());
    }

    private Queue queue(String id, Duration visibility, DeadLetterQueue redrive) {
        return DataProtection.encrypt(this, Queue.Builder.create(this, id))
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .visibilityTimeout(visibility)
                .deadLetterQueue(redrive)
                .removalPolicy(removalPolicy)
                .build();
    }
}
