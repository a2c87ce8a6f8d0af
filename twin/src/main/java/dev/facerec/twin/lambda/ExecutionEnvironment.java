package dev.facerec.twin.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment: a JVM process running the Runtime Interface Client against its own Runtime API
 * endpoint. It serves one invocation at a time and stays warm between invocations; a timeout, a crash or a failed
 * start ends it. A SnapStart environment ({@link #startSnapStart}) is initialised before it is used: the runtime loads
 * the handler and runs the {@code beforeCheckpoint} hooks, then waits at {@code /runtime/restore/next}; its first
 * invocation "restores" it (the {@code afterRestore} hooks run, on that invocation's clock, as on AWS).
 */
final class ExecutionEnvironment implements AutoCloseable {

    private static final long KILL_WAIT_SECONDS = 5;

    private final FunctionConfiguration function;
    private final String functionArn;
    private final Duration initTimeout;
    private final RuntimeApiEndpoint endpoint;
    private final Process process;
    private boolean initialized;
    private volatile boolean broken;
    private boolean awaitingRestore;
    private StartFailure checkpointFailure;

    private ExecutionEnvironment(
            FunctionConfiguration function,
            String functionArn,
            Duration initTimeout,
            RuntimeApiEndpoint endpoint,
            Process process) {
        this.function = function;
        this.functionArn = functionArn;
        this.initTimeout = initTimeout;
        this.endpoint = endpoint;
        this.process = process;
    }

    static ExecutionEnvironment start(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor) {
        return launch(function, settings, taskRoot, logFile, executor, null);
    }

    /**
     * Starts an environment of a published version of a SnapStart function and waits until it has run its init and
     * its {@code beforeCheckpoint} hooks (at most {@code checkpointTimeout}). A failure is kept: the environment's
     * first invocation answers it ({@link #checkpointFailure()} describes it).
     */
    static ExecutionEnvironment startSnapStart(
            FunctionConfiguration function,
            String version,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor,
            Duration checkpointTimeout) {
        ExecutionEnvironment environment = launch(function, settings, taskRoot, logFile, executor, version);
        environment.awaitingRestore = true;
        environment.awaitCheckpoint(checkpointTimeout);
        return environment;
    }

    private static ExecutionEnvironment launch(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor,
            String snapStartVersion) {
        RuntimeApiEndpoint endpoint = new RuntimeApiEndpoint(executor);
        try {
            Process process = LaunchCommand.build(
                            function, settings, taskRoot, endpoint.address(), logFile, snapStartVersion)
                    .start();
            process.getOutputStream().close();
            return new ExecutionEnvironment(
                    function, settings.functionArn(function.name()), settings.initTimeout(), endpoint, process);
        } catch (IOException e) {
            endpoint.close();
            throw new UncheckedIOException("cannot start a JVM for function " + function.name(), e);
        }
    }

    /** Whether this environment can take another invocation. */
    boolean isUsable() {
        return !broken && process.isAlive();
    }

    /** Why the SnapStart init of this environment failed, if it did. */
    Optional<String> checkpointFailure() {
        return Optional.ofNullable(checkpointFailure).map(failure -> failure.result.payloadText());
    }

    private void awaitCheckpoint(Duration timeout) {
        CompletableFuture<Object> first =
                CompletableFuture.anyOf(endpoint.checkpointReached(), endpoint.initError(), process.onExit());
        try {
            Object outcome = first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome instanceof byte[] initError) {
                checkpointFailure =
                        new StartFailure(new InvocationResult("snapstart-init", initError, InvocationResult.UNHANDLED));
            } else if (outcome instanceof Process) {
                checkpointFailure = new StartFailure(exited("snapstart-init"));
            }
        } catch (TimeoutException e) {
            checkpointFailure = new StartFailure(InvocationResult.failure(
                    "snapstart-init",
                    "SnapStartTimeoutException",
                    "the init and beforeCheckpoint hooks did not end within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checkpointFailure = new StartFailure(
                    InvocationResult.failure("snapstart-init", "Runtime.Interrupted", "the twin is shutting down"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (checkpointFailure != null) {
            broken = true;
            close();
        }
    }

    /** Runs one invocation to its end: a response, a function error, a timeout, a crash or a failed start. */
    InvocationResult invoke(String requestId, byte[] payload) {
        if (checkpointFailure != null) {
            InvocationResult failed = checkpointFailure.result;
            return new InvocationResult(requestId, failed.payload(), failed.functionError());
        }
        Invocation invocation = new Invocation(requestId, payload, functionArn, function.timeout());
        endpoint.submit(invocation);
        if (awaitingRestore) {
            awaitingRestore = false;
            endpoint.restore();
        }
        try {
            long deadline = awaitPickUp(invocation);
            initialized = true;
            long remaining = Math.max(0, deadline - System.currentTimeMillis());
            return firstOf(requestId, invocation.result(), remaining).orElseGet(() -> timedOut(requestId));
        } catch (StartFailure failure) {
            broken = true;
            close();
            return failure.result;
        }
    }

    private long awaitPickUp(Invocation invocation) throws StartFailure {
        long limit = initialized ? Long.MAX_VALUE : initTimeout.toMillis();
        CompletableFuture<Object> first =
                CompletableFuture.anyOf(invocation.pickedUp(), endpoint.initError(), process.onExit());
        Object outcome;
        try {
            outcome = first.get(limit, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StartFailure(InvocationResult.failure(
                    invocation.requestId(),
                    "Runtime.InitTimeout",
                    "the runtime did not ask for an invocation within " + initTimeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure(InvocationResult.failure(
                    invocation.requestId(), "Runtime.Interrupted", "the twin is shutting down"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (outcome instanceof Long deadline) {
            return deadline;
        }
        if (outcome instanceof byte[] initError) {
            throw new StartFailure(new InvocationResult(invocation.requestId(), initError, InvocationResult.UNHANDLED));
        }
        throw new StartFailure(exited(invocation.requestId()));
    }

    private Optional<InvocationResult> firstOf(
            String requestId, CompletableFuture<InvocationResult> result, long millis) {
        CompletableFuture<Object> first = CompletableFuture.anyOf(result, process.onExit());
        try {
            Object outcome = first.get(millis, TimeUnit.MILLISECONDS);
            if (outcome instanceof InvocationResult answered) {
                return Optional.of(answered);
            }
            broken = true;
            return Optional.of(result.isDone() ? result.join() : exited(requestId));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            return Optional.of(InvocationResult.failure(requestId, "Runtime.Interrupted", "the twin is shutting down"));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private InvocationResult timedOut(String requestId) {
        broken = true;
        close();
        return InvocationResult.failure(
                requestId,
                "Sandbox.Timedout",
                String.format(
                        Locale.ROOT,
                        "RequestId: %s Error: Task timed out after %.2f seconds",
                        requestId,
                        function.timeout().toMillis() / 1000.0));
    }

    private InvocationResult exited(String requestId) {
        return InvocationResult.failure(
                requestId,
                "Runtime.ExitError",
                "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + exitStatus());
    }

    private String exitStatus() {
        try {
            return Integer.toString(process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Kills the process (and waits, briefly, until it is gone) and closes its Runtime API endpoint. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
    }

    /** A start that ended before the runtime took the invocation. */
    private static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient InvocationResult result;

        StartFailure(InvocationResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
