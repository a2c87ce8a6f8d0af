package dev.facerec.engine.analysis;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * Runs an independent model run of one face on a helper thread while the calling thread does another (the mirrored
 * embedding beside the embedding, the pose beside both), so that one search on an otherwise idle machine uses both
 * cores. A task no helper has started yet when the caller needs it is run by the caller itself, so a busy engine
 * (every core already running requests) does the same work in the same order as without helpers. The outputs do not
 * change: each model run is the same, only on another thread.
 */
final class Alongside {

    /** ONNX Runtime's kernels recurse deeply on some models: the helpers get the stack the engine's threads have. */
    private static final long STACK_BYTES = 16L << 20;

    private static final ExecutorService HELPERS =
            Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), runnable -> {
                Thread thread = new Thread(null, runnable, "face-engine-helper", STACK_BYTES);
                thread.setDaemon(true);
                return thread;
            });

    private Alongside() {}

    /**
     * Hands {@code task} to a helper thread ({@code onHelper}) or keeps it for the caller to run; {@link #result} gets
     * its value.
     */
    static <T> FutureTask<T> start(Callable<T> task, boolean onHelper) {
        FutureTask<T> future = new FutureTask<>(task);
        if (onHelper) {
            HELPERS.execute(future);
        }
        return future;
    }

    /** The task's value: run here if no helper has started it, else waited for. */
    static <T> T result(FutureTask<T> future) {
        future.run();
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a model ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
