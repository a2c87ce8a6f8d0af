package dev.facerec.twin.cli;

import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code up}: starts the services, deploys the cloud assembly and serves until {@code down} or Ctrl-C. */
@Command(
        mixinStandardHelpOptions = true,
        name = "up",
        description = "Deploy cdk.out onto the twin and serve until 'twin down' (or Ctrl-C).")
final class UpCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Option(names = "--cdk-out", defaultValue = "cdk.out", description = "The cloud assembly (default: cdk.out).")
    Path cdkOut;

    @Option(names = "--stack", description = "The stack to deploy (default: the assembly's only stack).")
    String stack;

    @Option(names = "--parameter", description = "A template parameter, NAME=VALUE.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
            names = "--fast-retries",
            description =
                    "Retry failed asynchronous events after 1 s and 2 s instead " + "of Lambda's 1 and 2 minutes.")
    boolean fastRetries;

    @Option(
            names = "--detach",
            description = "Run the twin in the background (output in <data>/twin.log) and " + "return once it is up.")
    boolean detach;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TwinState.read(data.directory).filter(TwinState::isAlive).ifPresent(running -> {
            throw new IllegalStateException("a twin already runs on " + data.directory + " (pid " + running.pid()
                    + "): stop it with 'twin down'");
        });
        CloudAssembly assembly = CloudAssembly.read(cdkOut);
        if (detach) {
            return Detached.start(
                    data.directory, spec.commandLine().getParseResult().originalArgs());
        }
        long start = System.nanoTime();
        TwinSettings settings = TwinSettings.defaults(data.directory);
        if (fastRetries) {
            settings = settings.withRetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
        Twin twin = Twin.start(settings, line -> System.out.println("  " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("twin: stopping");
                            TwinState.remove(data.directory);
                            twin.close();
                            stopped.countDown();
                        },
                        "twin-shutdown"));
        System.out.println("deploying " + cdkOut);
        StackRecord record = twin.deploy(assembly, stack, parameters);
        new TwinState(
                        ProcessHandle.current().pid(),
                        settings.region(),
                        twin.endpoints(),
                        record.stackName(),
                        record.outputs())
                .write(data.directory);
        System.out.printf(
                "twin is up in %.1f s: stack %s (%s)%n",
                (System.nanoTime() - start) / 1e9, record.stackName(), record.status());
        twin.endpoints().forEach((name, value) -> System.out.println("  " + name + "=" + value));
        twin.httpApis()
                .apis()
                .forEach(api -> System.out.println("  HTTP API " + api.name() + " (" + api.id() + "): "
                        + twin.httpApis().apiEndpoint(api.id())));
        record.outputs().forEach((name, value) -> System.out.println("  " + name + " = " + value));
        System.out.println("data in " + data.directory.toAbsolutePath() + "; stop with 'twin down' or Ctrl-C");
        stopped.await();
        return 0;
    }
}
