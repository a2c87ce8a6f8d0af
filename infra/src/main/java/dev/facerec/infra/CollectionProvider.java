package dev.facerec.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The function behind every {@link FaceCollection} of a stack: one per stack, whatever the number of collections,
 * each collection granting it the management of its own ARN only.
 */
final class CollectionProvider extends Construct {

    static final String ID = "FaceCollectionProvider";
    static final String HANDLER = "dev.facerec.functions.collection.CollectionResourceHandler::handleRequest";

    private final SecureFunction function;

    private CollectionProvider(Construct scope) {
        super(scope, ID);
        this.function = new SecureFunction(
                this,
                "Function",
                new FunctionSpec(
                        LambdaAssets.COLLECTION_RESOURCE,
                        HANDLER,
                        "the Rekognition collection custom resource",
                        512,
                        Duration.minutes(1),
                        Map.of(),
                        null,
                        // CloudFormation waits an hour for an answer; retrying later than that is useless.
                        Duration.hours(1),
                        FailureQueue.create(this, "FailedRequests", RemovalPolicy.DESTROY),
                        RetentionDays.ONE_MONTH,
                        RemovalPolicy.DESTROY,
                        Tracing.DISABLED));
    }

    /** The provider of the stack that holds {@code scope}, created on first use. */
    static CollectionProvider of(Construct scope) {
        Stack stack = Stack.of(scope);
        Object existing = stack.getNode().tryFindChild(ID);
        return existing instanceof CollectionProvider provider ? provider : new CollectionProvider(stack);
    }

    SecureFunction getFunction() {
        return function;
    }
}
