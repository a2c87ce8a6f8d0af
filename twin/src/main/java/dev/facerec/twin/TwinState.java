package dev.facerec.twin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a running twin tells the other commands, in {@code <data>/twin.json}: its process id, the service endpoints
 * and the deployed stack's name and outputs. Written by {@code up} once the stack is deployed, removed when it stops.
 *
 * @param pid the process running the twin
 * @param region the region of the services
 * @param endpoints by environment variable, e.g. {@code AWS_ENDPOINT_URL_S3}
 * @param stackName the deployed stack
 * @param outputs the stack's outputs (bucket name, table name, prefixes, ...)
 */
public record TwinState(
        long pid, String region, Map<String, String> endpoints, String stackName, Map<String, String> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "twin.json";

    public TwinState {
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public void write(Path dataDirectory) {
        try {
            StateFiles.write(
                    dataDirectory.resolve(FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDirectory.resolve(FILE), e);
        }
    }

    /** The state of the twin running on this data directory, if one wrote it. */
    public static Optional<TwinState> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), TwinState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static void remove(Path dataDirectory) {
        try {
            Files.deleteIfExists(dataDirectory.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDirectory.resolve(FILE), e);
        }
    }

    /** Whether the process that wrote this state still runs. */
    @JsonIgnore
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** An output of the stack, or an error naming it. */
    public String output(String name) {
        String value = outputs.get(name);
        if (value == null) {
            throw new IllegalStateException(
                    "the deployed stack has no output " + name + " (it has " + outputs.keySet() + ")");
        }
        return value;
    }
}
