package dev.facerec.engine.rekognition;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Makes the next calls of an operation fail with a chosen error, so that tests and the twin can prove that
 * callers retry (ThrottlingException, ProvisionedThroughputExceededException, InternalServerError, ...) or give up.
 * Faults are answered on the wire like real errors, before the request is read. Also counts the calls each
 * operation received. Reachable over HTTP too: see {@code docs/rekognition-compatibility.md}, section "Fault
 * injection".
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

  /** Forgets all pending faults and call counts. */
  public synchronized void clear() {
    pending.clear();
    calls.clear();
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

  /** Counts a call of {@code operation} and returns the fault it must fail with, if any. */
  synchronized Optional<Fault> onCall(String operation) {
    calls.merge(operation, 1, Integer::sum);
    for (String key : new String[] {operation, ANY}) {
      Deque<Fault> queue = pending.get(key);
      if (queue != null && !queue.isEmpty()) {
        Fault fault = queue.poll();
        if (queue.isEmpty()) {
          pending.remove(key);
        }
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }
}
