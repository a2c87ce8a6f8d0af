package dev.facerec.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The function behind every {@code Custom::KinesisVideoImageGeneration} of a stack (in the collection resource's
 * jar): one per stack, each camera granting it UpdateImageGenerationConfiguration on its own stream only.
 */
final class ImageGenerationProvider extends Construct {

    static final String ID = "ImageGenerationProvider";
    static final String HANDLER = "dev.facerec.functions.collection.ImageGenerationResourceHandler::handleRequest";

    private final SecureFunction function;

    private ImageGenerationProvider(Construct scope) {
        super(scope, ID);
        this.function = new SecureFunction(
                this,
                "Function",
                new FunctionSpec(
                        LambdaAssets.COLLECTION_RESOURCE,
                        HANDLER,
                        "the Kinesis video stream image generation custom resource",
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
    static ImageGenerationProvider of(Construct scope) {
        Stack stack = Stack.of(scope);
        Object existing = stack.getNode().tryFindChild(ID);
        return existing instanceof ImageGenerationProvider provider ? provider : new ImageGenerationProvider(stack);
    }

    SecureFunction getFunction() {
        return function;
    }
}
