package dev.facerec.app;

import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.infra.IdentityApiOptions;
import dev.facerec.infra.LivenessOptions;
import java.util.Locale;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it): one environment-agnostic {@code FaceRecognition} stack.
 *
 * <p>Context values, e.g. {@code cdk deploy -c facerec:removalPolicy=destroy}: {@code facerec:collectionId},
 * {@code facerec:removalPolicy} ({@code retain} or {@code destroy}), {@code facerec:identityApi} ({@code true}, the
 * app's default: the IAM-authorised identity API; {@code false} leaves it out), {@code facerec:liveness} ({@code true},
 * the default with the API: Face Liveness as a second factor of it; {@code false} leaves it out).
 */
public final class FaceRecognitionApp {

    /** The stack's name, and so the template's: {@code cdk.out/FaceRecognition.template.json}. */
    public static final String STACK_NAME = "FaceRecognition";

    private FaceRecognitionApp() {}

    public static void main(String[] args) {
        App app = new App();
        stack(app);
        app.synth();
    }

    /**
     * Adds the app's stack to {@code app}, configured from its context.
     *
     * @throws IllegalArgumentException when a context value is invalid
     */
    public static FaceRecognitionStack stack(App app) {
        FaceRecognitionProps.Builder props = FaceRecognitionProps.builder();
        Object collectionId = app.getNode().tryGetContext("facerec:collectionId");
        if (collectionId != null) {
            props.collectionId(collectionId.toString());
        }
        Object removalPolicy = app.getNode().tryGetContext("facerec:removalPolicy");
        if (removalPolicy != null) {
            props.removalPolicy(removalPolicy(removalPolicy.toString()));
        }
        Object identityApi = app.getNode().tryGetContext("facerec:identityApi");
        if (identityApi == null || flag("facerec:identityApi", identityApi.toString())) {
            Object liveness = app.getNode().tryGetContext("facerec:liveness");
            props.identityApi(IdentityApiOptions.builder()
                    .liveness(
                            liveness == null || flag("facerec:liveness", liveness.toString())
                                    ? LivenessOptions.builder().build()
                                    : null)
                    .build());
        }
        return new FaceRecognitionStack(
                app,
                STACK_NAME,
                StackProps.builder()
                        .description("facerec: serverless face recognition (S3, Lambda, Rekognition, DynamoDB)")
                        .build(),
                props.build());
    }

    private static boolean flag(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new IllegalArgumentException(
                        "Context " + name + " must be 'true' or 'false', got '" + value + "'");
        };
    }

    private static RemovalPolicy removalPolicy(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "retain" -> RemovalPolicy.RETAIN;
            case "destroy" -> RemovalPolicy.DESTROY;
            default ->
                throw new IllegalArgumentException(
                        "Context facerec:removalPolicy must be 'retain' or 'destroy', got '" + value + "'");
        };
    }
}
