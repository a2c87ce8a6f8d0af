package dev.facerec.infra;

import software.amazon.awscdk.Stack;
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
                FunctionSpec.customResourceProvider(this, HANDLER, "the Rekognition collection custom resource"));
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
