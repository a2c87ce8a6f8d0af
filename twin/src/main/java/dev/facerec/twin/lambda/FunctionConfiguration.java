package dev.facerec.twin.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A function as the twin runs it: what {@code AWS::Lambda::Function} says, with the code located on disk.
 *
 * @param name the function name
 * @param handler {@code package.Class::method}
 * @param runtime e.g. {@code java21}; only Java runtimes can be invoked
 * @param memoryMb the memory size, which becomes the JVM heap limit
 * @param timeout how long one invocation may run before it is stopped
 * @param environment the function's environment variables (including {@code JAVA_TOOL_OPTIONS} if the template
 *     sets it)
 * @param code the asset: a jar or zip file, or a directory with the unpacked contents; {@code null} for inline code
 * @param reservedConcurrency the cap on concurrent executions, or {@code null} for the twin's default cap
 * @param role the execution role's ARN (recorded only)
 * @param logging the log format and levels, which reach the runtime as Lambda's reserved variables
 * @param snapStart whether {@code SnapStart} is {@code ApplyOn: PublishedVersions}: a published version's execution
 *     environments are initialised, and their runtime hooks run, before they take an invocation ({@link SnapStartSpares})
 */
public record FunctionConfiguration(
        String name,
        String handler,
        String runtime,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        Path code,
        Integer reservedConcurrency,
        String role,
        LoggingConfig logging,
        boolean snapStart) {

    /** Lambda's defaults for the properties a template may leave out. */
    public static final int DEFAULT_MEMORY_MB = 128;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public FunctionConfiguration {
        Objects.requireNonNull(name, "name");
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        memoryMb = memoryMb <= 0 ? DEFAULT_MEMORY_MB : memoryMb;
        logging = logging == null ? LoggingConfig.TEXT : logging;
    }

    /** A function without SnapStart. */
    public FunctionConfiguration(
            String name,
            String handler,
            String runtime,
            int memoryMb,
            Duration timeout,
            Map<String, String> environment,
            Path code,
            Integer reservedConcurrency,
            String role,
            LoggingConfig logging) {
        this(name, handler, runtime, memoryMb, timeout, environment, code, reservedConcurrency, role, logging, false);
    }

    /** A function with Lambda's default logging (plain text) and without SnapStart. */
    public FunctionConfiguration(
            String name,
            String handler,
            String runtime,
            int memoryMb,
            Duration timeout,
            Map<String, String> environment,
            Path code,
            Integer reservedConcurrency,
            String role) {
        this(name, handler, runtime, memoryMb, timeout, environment, code, reservedConcurrency, role, null, false);
    }

    /** This function with SnapStart on published versions switched on or off. */
    public FunctionConfiguration withSnapStart(boolean on) {
        return new FunctionConfiguration(
                name, handler, runtime, memoryMb, timeout, environment, code, reservedConcurrency, role, logging, on);
    }

    /** Whether the twin can run this function: a Java runtime with its code on disk. */
    public boolean isRunnable() {
        return runtime != null && runtime.startsWith("java") && code != null;
    }
}
