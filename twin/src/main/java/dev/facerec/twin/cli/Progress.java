package dev.facerec.twin.cli;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls until a result appears, showing a progress line on a terminal, or fails after a timeout. */
final class Progress {

    private static final long POLL_MILLIS = 250;

    private Progress() {}

    static <T> T await(String what, Duration timeout, Supplier<T> poll) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        boolean terminal = System.console() != null;
        int dots = 0;
        while (true) {
            T result = poll.get();
            if (result != null) {
                if (terminal && dots > 0) {
                    System.err.print("\r" + " ".repeat(what.length() + 20) + "\r");
                }
                return result;
            }
            if (System.nanoTime() > deadline) {
                System.err.println();
                throw new IllegalStateException("timed out " + what + " after " + timeout.toSeconds()
                        + " s: see the function logs in <data>/lambda/logs/");
            }
            if (terminal && dots++ % 4 == 0) {
                System.err.printf("\r%s ... %d s", what, (System.nanoTime() - start) / 1_000_000_000L);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
