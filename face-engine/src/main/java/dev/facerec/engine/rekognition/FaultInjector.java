package dev.facerec.engine.rekognition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Makes the next calls of an operation fail with a chosen error, so that tests and the twin can prove that
 * callers retry (ThrottlingException, ProvisionedThroughputExceededException, InternalServerError, ...) or give up.
 * Faults are answered on the wire like real errors, before the request is read. Also counts the calls each
 * operation received, and runs code at a chosen point of a caller's work ({@link #afterNext}), so that a race
 * between two callers can be played in a fixed order. Faults and counts are reachable over HTTP too: see
 * {@code docs/rekognition-compatibility.md}, section "Fault injection".
 */
public final class FaultInjector {

    /** Any operation. */
    public static final String ANY = "*";

    /**
     * One injected failure.
     *
     * @param errorType the {@code __type} to answer, e.g. {@code ThrottlingException}
     * @param status    the HTTP status
     * @param message   the error message
     */
    public record Fault(String errorType, int status, String message) {

        /** A fault of a known type, with its usual status. */
        public static Fault of(ErrorType type) {
            return new Fault(type.code(), type.status(), "Injected fault: " + type.code());
        }
    }

    private final Map<String, Deque<Fault>> pending = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Map<String, Deque<Runnable>> afterCalls = new HashMap<>();
    private final Map<String, RandomFaults> randomFaults = new HashMap<>();
    private final Map<String, Integer> faulted = new HashMap<>();

    /** Faults answered at random: each call fails with probability {@code rate}, with one of {@code faults}. */
    private record RandomFaults(double rate, List<Fault> faults, Random random) {}

    /** The next {@code times} calls of {@code operation} (or {@link #ANY}) fail with {@code type}. */
    public void failNext(String operation, int times, ErrorType type) {
        failNext(operation, times, Fault.of(type));
    }

    /** The next {@code times} calls of {@code operation} (or {@link #ANY}) fail with {@code fault}. */
    public synchronized void failNext(String operation, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        Deque<Fault> queue = pending.computeIfAbsent(operation, k -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /**
     * From now on, each call of {@code operation} (or {@link #ANY}) that no {@link #failNext} fault is queued for
     * fails with probability {@code rate}, with one of {@code types} picked at random: the steady error rate of a
     * service under load (load tests). The same {@code seed} gives the same sequence of draws. Until {@link #clear()}.
     *
     * @throws IllegalArgumentException when {@code rate} is not in (0, 1] or {@code types} is empty
     */
    public synchronized void failRandomly(String operation, double rate, List<ErrorType> types, long seed) {
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be in (0, 1], got " + rate);
        }
        if (types == null || types.isEmpty()) {
            throw new IllegalArgumentException("types must name at least one error type");
        }
        randomFaults.put(
                operation, new RandomFaults(rate, types.stream().map(Fault::of).toList(), new Random(seed)));
    }

    /** Calls of {@code operation} answered with an injected fault (queued or random) since the last {@link #clear()}. */
    public synchronized int faulted(String operation) {
        return faulted.getOrDefault(operation, 0);
    }

    /**
     * Runs {@code action} when the next call of {@code operation} (or {@link #ANY}) has been answered — its effect
     * done, or its error (an injected fault too) decided — and before the answer is sent: the caller is still
     * waiting, so another caller can act at exactly that point of its work. The action runs on the server's request
     * thread; the answer is sent once it returns, and is the same whatever the action does (an exception it throws
     * is logged). In-process only: there is no HTTP form.
     */
    public synchronized void afterNext(String operation, Runnable action) {
        if (action == null) {
            throw new IllegalArgumentException("action must not be null");
        }
        afterCalls.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(action);
    }

    /** Forgets all pending and random faults, pending {@link #afterNext} actions and call and fault counts. */
    public synchronized void clear() {
        pending.clear();
        calls.clear();
        afterCalls.clear();
        randomFaults.clear();
        faulted.clear();
    }

    /** Faults still to be answered for {@code operation} (not counting {@link #ANY}). */
    public synchronized int pending(String operation) {
        Deque<Fault> queue = pending.get(operation);
        return queue == null ? 0 : queue.size();
    }

    /** Calls received for {@code operation} since the start or the last {@link #clear()}, faults included. */
    public synchronized int calls(String operation) {
        return calls.getOrDefault(operation, 0);
    }

    synchronized Map<String, Integer> pendingByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        pending.forEach((operation, queue) -> counts.put(operation, queue.size()));
        return counts;
    }

    synchronized Map<String, Integer> callsByOperation() {
        return new TreeMap<>(calls);
    }

    /** The action to run now that a call of {@code operation} has been answered, if one is pending. */
    synchronized Optional<Runnable> afterCall(String operation) {
        return Optional.ofNullable(poll(afterCalls, operation));
    }

    /** Counts a call of {@code operation} and returns the fault it must fail with, if any. */
    synchronized Optional<Fault> onCall(String operation) {
        calls.merge(operation, 1, Integer::sum);
        Fault fault = poll(pending, operation);
        if (fault == null) {
            fault = draw(operation);
        }
        if (fault != null) {
            faulted.merge(operation, 1, Integer::sum);
        }
        return Optional.ofNullable(fault);
    }

    /** A random fault for {@code operation}, else for {@link #ANY}, if its draw says so. */
    private Fault draw(String operation) {
        RandomFaults random = randomFaults.getOrDefault(operation, randomFaults.get(ANY));
        if (random == null || random.random().nextDouble() >= random.rate()) {
            return null;
        }
        return random.faults().get(random.random().nextInt(random.faults().size()));
    }

    /** The next entry queued for {@code operation}, else for {@link #ANY}; null when neither has one. */
    private static <T> T poll(Map<String, Deque<T>> queues, String operation) {
        for (String key : new String[] {operation, ANY}) {
            Deque<T> queue = queues.get(key);
            if (queue != null && !queue.isEmpty()) {
                T next = queue.poll();
                if (queue.isEmpty()) {
                    queues.remove(key);
                }
                return next;
            }
        }
        return null;
    }
}
