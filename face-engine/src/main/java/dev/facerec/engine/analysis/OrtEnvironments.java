package dev.facerec.engine.analysis;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process's ONNX Runtime environment, created on a thread with a large stack.
 *
 * <p>ONNX Runtime 1.29 reads {@code /proc/self/cmdline} on the calling thread's stack while it creates its
 * environment, and overflows it (SIGSEGV, no error file) when the java command line is longer than about 4 KB — a
 * {@code java -cp} of this module's jars is. Creating the environment once on a thread with a 64 MiB stack makes
 * every caller safe, however the JVM was launched; later calls return the same environment.
 */
final class OrtEnvironments {

    private static final long INIT_STACK_BYTES = 64L << 20;

    private OrtEnvironments() {}

    static synchronized OrtEnvironment get() {
        AtomicReference<OrtEnvironment> created = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread init = new Thread(
                null,
                () -> {
                    try {
                        created.set(OrtEnvironment.getEnvironment());
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "onnxruntime-init",
                INIT_STACK_BYTES);
        init.start();
        try {
            init.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting ONNX Runtime", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("ONNX Runtime failed to start: " + failure.get(), failure.get());
        }
        return created.get();
    }
}
