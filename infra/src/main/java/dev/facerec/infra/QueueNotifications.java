package dev.facerec.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.s3.IBucketRef;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BucketNotificationDestinationConfig;
import software.amazon.awscdk.services.s3.BucketNotificationDestinationType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.IBucketNotificationDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * A queue as the destination of a bucket's event notifications: its policy lets {@code s3.amazonaws.com} call
 * {@code sqs:SendMessage} and nothing else, only for this bucket ({@code aws:SourceArn}) of this account
 * ({@code aws:SourceAccount}, against a bucket name taken over in another account). CDK's {@code SqsDestination}
 * would also grant {@code GetQueueAttributes} and {@code GetQueueUrl} and check no account. The notification
 * configuration depends on the queue and its policy: S3 refuses a queue whose policy does not let it publish.
 */
final class QueueNotifications implements IBucketNotificationDestination {

    static final String SEND_ACTION = "sqs:SendMessage";

    private final Queue queue;
    private final IBucket bucket;
    private boolean bound;

    QueueNotifications(Queue queue, IBucket bucket) {
        this.queue = queue;
        this.bucket = bucket;
    }

    @Override
    public BucketNotificationDestinationConfig bind(Construct scope, IBucketRef bucketRef) {
        if (!bound) {
            bound = true;
            allowS3();
        }
        return BucketNotificationDestinationConfig.builder()
                .arn(queue.getQueueArn())
                .type(BucketNotificationDestinationType.QUEUE)
                .dependencies(List.of(queue))
                .build();
    }

    /** One statement, however many notification rules name the queue. */
    private void allowS3() {
        queue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("S3Notifications")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("s3.amazonaws.com")))
                .actions(List.of(SEND_ACTION))
                .resources(List.of(queue.getQueueArn()))
                .conditions(Map.of(
                        "ArnLike", Map.of("aws:SourceArn", bucket.getBucketArn()),
                        "StringEquals",
                                Map.of("aws:SourceAccount", Stack.of(queue).getAccount())))
                .build());
    }
}
