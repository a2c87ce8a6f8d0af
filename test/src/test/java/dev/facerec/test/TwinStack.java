package dev.facerec.test;

import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;

/**
 * A test's own app of one stack, synthesized under a directory and deployed on a twin of its own (with short retry
 * delays, so that a retried event does not hold a test up): what each end-to-end class shares across its methods.
 *
 * @param twin     the running twin
 * @param assembly the synthesized app
 * @param stack    the deployed stack
 */
record TwinStack(Twin twin, CloudAssembly assembly, StackRecord stack) implements AutoCloseable {

    /** Builds the stack with {@code body}, synthesizes it into {@code directory} and deploys it on a new twin. */
    static TwinStack deploy(Path directory, String stackName, Consumer<Stack> body) {
        App app = new App(AppProps.builder()
                .outdir(directory.resolve("cdk.out").toString())
                .build());
        body.accept(new Stack(app, stackName));
        app.synth();
        CloudAssembly assembly = CloudAssembly.read(directory.resolve("cdk.out"));
        Twin twin = Twin.start(
                TwinSettings.defaults(directory.resolve("data"))
                        .withRetryDelays(Duration.ofMillis(200), Duration.ofMillis(400)),
                line -> {});
        try {
            return new TwinStack(twin, assembly, twin.deploy(assembly, stackName, Map.of()));
        } catch (RuntimeException failed) {
            twin.close();
            throw failed;
        }
    }

    /** The stack's outputs. */
    Map<String, String> outputs() {
        return stack.outputs();
    }

    @Override
    public void close() {
        twin.close();
    }
}
