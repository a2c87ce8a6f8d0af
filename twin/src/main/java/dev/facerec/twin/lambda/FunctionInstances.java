package dev.facerec.twin.lambda;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;

/**
 * The execution environments of one function: warm ones are reused, new ones start when all are busy, and no more
 * than the function's concurrency cap (its reserved concurrency, or the twin's default) run at once.
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
    private boolean closed;

    FunctionInstances(
            FunctionConfiguration function,
            LambdaSettings settings,
            Path taskRoot,
            Path logFile,
            ExecutorService executor) {
        this.function = function;
        this.settings = settings;
        this.taskRoot = taskRoot;
        this.logFile = logFile;
        this.executor = executor;
        this.concurrency =
                function.reservedConcurrency() != null ? function.reservedConcurrency() : settings.defaultConcurrency();
        this.permits = new Semaphore(concurrency, true);
    }

    /** How many invocations may run at once. */
    int concurrency() {
        return concurrency;
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

    private synchronized ExecutionEnvironment take() {
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
        ExecutionEnvironment fresh = ExecutionEnvironment.start(function, settings, taskRoot, logFile, executor);
        all.add(fresh);
        return fresh;
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
        all.forEach(ExecutionEnvironment::close);
        all.clear();
        idle.clear();
    }
}
