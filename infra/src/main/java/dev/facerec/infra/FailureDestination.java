package dev.facerec.infra;

import java.util.List;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.lambda.DestinationConfig;
import software.amazon.awscdk.services.lambda.DestinationOptions;
import software.amazon.awscdk.services.lambda.IDestination;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The on-failure destination of a function's asynchronous invocations: an SQS queue, with {@code sqs:SendMessage}
 * on it granted to the function's role and nothing else (CDK's {@code SqsDestination} also grants
 * {@code GetQueueAttributes} and {@code GetQueueUrl}, which Lambda does not need to deliver a record). Under SSE-SQS
 * no KMS permission is involved; under the pipeline's customer managed key the role also gets
 * {@code kms:GenerateDataKey} and {@code kms:Decrypt} on it.
 */
final class FailureDestination implements IDestination {

    static final String SEND_ACTION = "sqs:SendMessage";

    private final IQueue queue;

    FailureDestination(IQueue queue) {
        this.queue = queue;
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn) {
        return bind(scope, fn, null);
    }

    @Override
    public DestinationConfig bind(Construct scope, IFunction fn, DestinationOptions options) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(fn)
                .actions(List.of(SEND_ACTION))
                .resourceArns(List.of(queue.getQueueArn()))
                .build());
        // Under a customer managed key, a producer needs a data key, and kms:Decrypt to reuse a cached one.
        if (queue.getEncryptionMasterKey() != null) {
            queue.getEncryptionMasterKey().grant(fn, "kms:GenerateDataKey", "kms:Decrypt");
        }
        return DestinationConfig.builder().destination(queue.getQueueArn()).build();
    }
}
