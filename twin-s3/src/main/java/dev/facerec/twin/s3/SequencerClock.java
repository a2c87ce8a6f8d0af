package dev.facerec.twin.s3;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issues S3-style sequencers: 18 upper-case hex digits, strictly increasing within a server and, being based on
 * the wall clock in nanoseconds, across restarts of a server that persists its objects.
 */
final class SequencerClock {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    SequencerClock(Clock clock) {
        this.clock = clock;
    }

    String next() {
        long now = clock.millis() * 1_000_000L;
        long value = last.updateAndGet(previous -> Math.max(previous + 1, now));
        return String.format("%018X", value);
    }
}
