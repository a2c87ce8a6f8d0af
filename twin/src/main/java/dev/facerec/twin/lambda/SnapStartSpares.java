package dev.facerec.twin.lambda;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The SnapStart stand-in of a published version: an execution environment initialised ahead of need, its handler
 * loaded and its {@code beforeCheckpoint} hooks run, off any invocation's clock. Lambda restores every new environment
 * of the version from one snapshot; the twin takes no snapshot, so it keeps one such environment ready instead and
 * initialises the next when one is taken.
 */
final class SnapStartSpares implements AutoCloseable {

    private final Supplier<ExecutionEnvironment> initialise;
    private final ExecutorService executor;
    private CompletableFuture<ExecutionEnvironment> spare;
    private boolean closed;

    /** @param initialise starts an environment and returns once its init and checkpoint hooks are done */
    SnapStartSpares(Supplier<ExecutionEnvironment> initialise, ExecutorService executor) {
        this.initialise = initialise;
        this.executor = executor;
    }

    /** Starts initialising a spare environment in the background, unless one is ready or on its way. */
    synchronized void prepare() {
        if (spare == null && !closed) {
            spare = CompletableFuture.supplyAsync(initialise, executor);
        }
    }

    /** Waits until the spare environment is initialised; why its init failed, if it did. */
    Optional<String> awaitReady() {
        CompletableFuture<ExecutionEnvironment> ready;
        synchronized (this) {
            prepare();
            ready = spare;
        }
        if (ready == null) {
            throw new IllegalStateException("the function was updated or deleted");
        }
        return ready.join().checkpointFailure();
    }

    /** Takes the spare environment, ready or still initialising (one is started if there is none). */
    synchronized CompletableFuture<ExecutionEnvironment> take() {
        prepare();
        CompletableFuture<ExecutionEnvironment> taken = spare;
        spare = null;
        if (taken == null) {
            throw new IllegalStateException("the function was updated or deleted");
        }
        return taken;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (spare != null) {
            spare.thenAccept(ExecutionEnvironment::close);
            spare = null;
        }
    }
}
