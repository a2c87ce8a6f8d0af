package dev.facerec.twin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The queued asynchronous events of one function, one file each, so that events accepted before a stop or a kill
 * are still delivered after the next start (Lambda's queue is durable). A file is removed once its event is done.
 */
final class EventStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    EventStore(Path directory) {
        this.directory = directory;
    }

    void save(QueuedEvent event) {
        ObjectNode node = JSON.createObjectNode()
                .put("requestId", event.requestId())
                .put("payload", Base64.getEncoder().encodeToString(event.payload()))
                .put("received", event.received().toString())
                .put("attempts", event.attempts())
                .put("notBefore", event.notBefore().toString());
        try {
            StateFiles.write(file(event.requestId()), node.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save a queued event in " + directory, e);
        }
    }

    void delete(String requestId) {
        try {
            Files.deleteIfExists(file(requestId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove a delivered event from " + directory, e);
        }
    }

    /** How many events are not done yet: waiting, waiting for a retry, or running. */
    int count() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return (int) files.filter(f -> f.toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the queued events in " + directory, e);
        }
    }

    List<QueuedEvent> loadAll() {
        List<QueuedEvent> events = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return events;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                JsonNode node = JSON.readTree(file.toFile());
                events.add(new QueuedEvent(
                        node.get("requestId").asText(),
                        Base64.getDecoder().decode(node.get("payload").asText()),
                        Instant.parse(node.get("received").asText()),
                        node.get("attempts").asInt(),
                        Instant.parse(node.get("notBefore").asText())));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the queued events in " + directory, e);
        }
    }

    private Path file(String requestId) {
        return directory.resolve(requestId + ".json");
    }
}
