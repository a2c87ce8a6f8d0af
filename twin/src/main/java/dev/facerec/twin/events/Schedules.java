package dev.facerec.twin.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * The timer of scheduled rules, while the twin runs: each armed schedule fires at its next time, then is armed
 * again from that time (a rate counts from when the rule was armed, as EventBridge counts from its creation).
 * Times missed while the twin was stopped are not made up.
 */
final class Schedules implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eventbridge-schedules");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ScheduledFuture<?>> armed = new HashMap<>();
    private final Clock clock;
    private final BiConsumer<String, Instant> fire;

    /**
     * @param clock the time schedules are computed from
     * @param fire called with the key of an armed schedule and the time it was due
     */
    Schedules(Clock clock, BiConsumer<String, Instant> fire) {
        this.clock = clock;
        this.fire = fire;
    }

    /** (Re)arms the schedule under {@code key}, from now. */
    void arm(String key, ScheduleExpression expression) {
        arm(key, expression, clock.instant());
    }

    synchronized void disarm(String key) {
        ScheduledFuture<?> old = armed.remove(key);
        if (old != null) {
            old.cancel(false);
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        armed.clear();
    }

    private synchronized void arm(String key, ScheduleExpression expression, Instant from) {
        disarm(key);
        Instant due = expression.next(from);
        if (due == null || timer.isShutdown()) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        self.set(timer.schedule(
                () -> {
                    if (!claim(key, self.get())) {
                        return;
                    }
                    arm(key, expression, due);
                    fire.accept(key, due);
                },
                delay,
                TimeUnit.MILLISECONDS));
        armed.put(key, self.get());
    }

    /** Whether this firing is still the armed one (not disarmed or re-armed meanwhile). */
    private synchronized boolean claim(String key, ScheduledFuture<?> future) {
        return future != null && armed.remove(key, future);
    }
}
