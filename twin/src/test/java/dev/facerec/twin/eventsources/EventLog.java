package dev.facerec.twin.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The file the fixture's queue handler appends to: one line per invocation with the SQS event it got, and
 * {@code running N} lines; waits give up after a minute, naming what the log holds.
 */
record EventLog(Path file) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The first invocation's event that {@code wanted} accepts, once there is one. */
    JsonNode awaitInvocation(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode invocation : invocations()) {
                if (wanted.test(invocation)) {
                    return invocation;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such invocation; log: " + lines());
    }

    /** The first SQS record that {@code wanted} accepts, once there is one. */
    JsonNode awaitRecord(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> found = records(wanted);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such record; log: " + lines());
    }

    /** Waits until {@code count} lines are accepted by {@code wanted}. */
    void awaitLines(Predicate<String> wanted, int count) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (lines().stream().filter(wanted).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " such lines; log: " + lines());
            }
            Thread.sleep(100);
        }
    }

    /** Every SQS record so far that {@code wanted} accepts, in delivery order. */
    List<JsonNode> records(Predicate<JsonNode> wanted) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode invocation : invocations()) {
            invocation.path("Records").forEach(record -> {
                if (wanted.test(record)) {
                    found.add(record);
                }
            });
        }
        return found;
    }

    List<JsonNode> invocations() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("{")) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    String text() throws IOException {
        return String.join("\n", lines());
    }
}
