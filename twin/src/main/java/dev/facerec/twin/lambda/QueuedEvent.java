package dev.facerec.twin.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * An asynchronous event in a function's queue.
 *
 * @param requestId the request id, the same on every attempt
 * @param payload the event
 * @param received when Lambda accepted the event (the start of its age)
 * @param attempts how many times it has been invoked so far
 * @param notBefore when it may be invoked next (later than now while it waits for a retry)
 */
record QueuedEvent(String requestId, byte[] payload, Instant received, int attempts, Instant notBefore)
        implements Delayed {

    QueuedEvent {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    QueuedEvent retryAfter(Duration delay) {
        return new QueuedEvent(
                requestId, payload, received, attempts + 1, Instant.now().plus(delay));
    }

    Duration age() {
        return Duration.between(received, Instant.now());
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(Duration.between(Instant.now(), notBefore));
    }

    @Override
    public int compareTo(Delayed other) {
        return notBefore.compareTo(((QueuedEvent) other).notBefore);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QueuedEvent event && event.requestId.equals(requestId) && event.attempts == attempts;
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + attempts;
    }
}
