package dev.facerec.twin.lambda;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment of one execution environment's JVM, close to what Lambda's Java runtime uses:
 * the Runtime Interface Client as main class, the handler as argument, the memory size as heap limit, the
 * function's code as working directory ({@code /var/task}), a clean environment with the function's variables and
 * Lambda's reserved ones (including the log format and level of the function's {@link LoggingConfig}). As Lambda's
 * Java runtime does, {@code org.crac.Core.Compat} points the function's {@code org.crac} at the runtime client's CRaC
 * context, whose hooks the client runs when {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}.
 */
final class LaunchCommand {

    /** Where the function's {@code org.crac} registers its resources: the runtime client's context. */
    static final String CRAC_COMPAT = "com.amazonaws.services.lambda.crac";

    private LaunchCommand() {}

    /**
     * @param snapStartVersion the published version whose environment this is, initialised as for a SnapStart
     *     snapshot; {@code null} for an on-demand environment of {@code $LATEST}
     */
    static ProcessBuilder build(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            String runtimeApi,
            Path logFile,
            String snapStartVersion) {
        List<String> command = List.of(
                settings.javaExecutable().toString(),
                "-Xmx" + function.memoryMb() + "m",
                "-XX:+UseSerialGC",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-XX:+ErrorFileToStderr",
                "-Djava.net.preferIPv4Stack=true",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=" + CRAC_COMPAT,
                "-D" + RuntimeJni.PROPERTY + "="
                        + RuntimeJni.unpack(settings.dataDirectory().resolve("runtime")),
                "-cp",
                RuntimeClasspath.locate(),
                RuntimeClasspath.MAIN_CLASS,
                function.handler());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectInput(Redirect.PIPE);
        Map<String, String> environment = builder.environment();
        String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.clear();
        environment.put("PATH", path);
        environment.putAll(function.environment());
        environment.putAll(settings.serviceEndpoints());
        environment.putAll(reserved(function, settings, taskRoot, runtimeApi));
        if (snapStartVersion != null) {
            environment.put("AWS_LAMBDA_FUNCTION_VERSION", snapStartVersion);
            environment.put("AWS_LAMBDA_LOG_STREAM_NAME", snapStartVersion + "-" + runtimeApi);
            environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        }
        environment.putAll(function.logging().environment());
        return builder;
    }

    private static Map<String, String> reserved(
            FunctionConfiguration function, LambdaSettings settings, Path taskRoot, String runtimeApi) {
        return Map.ofEntries(
                Map.entry("_HANDLER", function.handler()),
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", function.name()),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb())),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name()),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST-" + runtimeApi),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime()),
                Map.entry("AWS_REGION", settings.region()),
                Map.entry("AWS_DEFAULT_REGION", settings.region()),
                Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"));
    }
}
