package dev.facerec.infra;

import software.amazon.awscdk.Stack;
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
                FunctionSpec.customResourceProvider(
                        this, HANDLER, "the Kinesis video stream image generation custom resource"));
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
