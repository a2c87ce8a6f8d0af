package dev.facerec.twin.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The execution environments of one function (its {@code $LATEST}) or of one published SnapStart version: warm ones
 * are reused, new ones start when all are busy, and no more than the function's concurrency cap (its reserved
 * concurrency, or the twin's default; shared by the function's versions) run at once. A SnapStart version's new
 * environments come initialised from its {@link SnapStartSpares}.
 */
final class FunctionInstances implements AutoCloseable {

    private final FunctionConfiguration function;
    private final LambdaSettings settings;
    private final Path taskRoot;
    private final Path logFile;
    private final ExecutorService executor;
    private final Semaphore permits;
    private final int concurrency;
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private final List<ExecutionEnvironment> all = new ArrayList<>();
    private final SnapStartSpares spares;
    private boolean closed;

    /** The on-demand environments of {@code $LATEST}. */
    FunctionInstances(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor,
            Semaphore permits) {
        this(function, settings, taskRoot, logFile, executor, permits, null);
    }

    /**
     * @param snapStartVersion the published version whose environments are initialised ahead of need (SnapStart);
     *     {@code null} for on-demand environments
     */
    FunctionInstances(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor,
            Semaphore permits,
            String snapStartVersion) {
        this.function = function;
        this.settings = settings;
        this.taskRoot = taskRoot;
        this.logFile = logFile;
        this.executor = executor;
        this.concurrency = concurrency(function, settings);
        this.permits = permits;
        this.spares = snapStartVersion == null
                ? null
                : new SnapStartSpares(
                        () -> ExecutionEnvironment.startSnapStart(
                                function,
                                snapStartVersion,
                                settings,
                                taskRoot,
                                logFile,
                                executor,
                                snapStartInitTimeout(function)),
                        executor);
    }

    /** The cap on a function's concurrent invocations: its reserved concurrency, or the twin's default. */
    static int concurrency(FunctionConfiguration function, LambdaSettings settings) {
        return function.reservedConcurrency() != null ? function.reservedConcurrency() : settings.defaultConcurrency();
    }

    /** Lambda gives a SnapStart init (with its beforeCheckpoint hooks) 130 s or the function's timeout if longer. */
    static Duration snapStartInitTimeout(FunctionConfiguration function) {
        Duration limit = Duration.ofSeconds(130);
        return function.timeout().compareTo(limit) > 0 ? function.timeout() : limit;
    }

    /**
     * For a SnapStart version: starts initialising its first environment in the background; {@link #awaitSnapStart}
     * waits for it.
     */
    void prepareSnapStart() {
        if (spares != null) {
            spares.prepare();
        }
    }

    /** For a SnapStart version: waits until an initialised environment is ready; why its init failed, if it did. */
    Optional<String> awaitSnapStart() {
        return spares == null ? Optional.empty() : spares.awaitReady();
    }

    /** How many invocations may run at once. */
    int concurrency() {
        return concurrency;
    }

    /** The permits of the function's concurrency cap. */
    Semaphore permits() {
        return permits;
    }

    FunctionConfiguration function() {
        return function;
    }

    /** Runs one invocation, waiting for a free slot under the concurrency cap. */
    InvocationResult invoke(String requestId, byte[] payload) throws InterruptedException {
        if (!function.isRunnable()) {
            return InvocationResult.failure(
                    requestId,
                    "Runtime.Unsupported",
                    "the twin runs Java functions with code " + "assets only; function " + function.name()
                            + " has runtime " + function.runtime());
        }
        permits.acquire();
        try {
            ExecutionEnvironment environment = take();
            InvocationResult result = environment.invoke(requestId, payload);
            giveBack(environment);
            return result;
        } finally {
            permits.release();
        }
    }

    private ExecutionEnvironment take() {
        CompletableFuture<ExecutionEnvironment> restoring;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("function " + function.name() + " was updated or deleted");
            }
            while (!idle.isEmpty()) {
                ExecutionEnvironment warm = idle.pollFirst();
                if (warm.isUsable()) {
                    return warm;
                }
                discard(warm);
            }
            if (spares == null) {
                ExecutionEnvironment fresh =
                        ExecutionEnvironment.start(function, settings, taskRoot, logFile, executor);
                all.add(fresh);
                return fresh;
            }
            restoring = spares.take();
        }
        ExecutionEnvironment restored = restoring.join();
        synchronized (this) {
            if (closed) {
                restored.close();
                throw new IllegalStateException("function " + function.name() + " was updated or deleted");
            }
            all.add(restored);
            if (all.size() < concurrency) {
                spares.prepare();
            }
            return restored;
        }
    }

    private synchronized void giveBack(ExecutionEnvironment environment) {
        if (closed || !environment.isUsable()) {
            discard(environment);
        } else {
            idle.addFirst(environment);
        }
    }

    private void discard(ExecutionEnvironment environment) {
        environment.close();
        all.remove(environment);
    }

    /** How many execution environments (JVM processes) exist now. */
    synchronized int environments() {
        return all.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (spares != null) {
            spares.close();
        }
        all.forEach(ExecutionEnvironment::close);
        all.clear();
        idle.clear();
    }
}
