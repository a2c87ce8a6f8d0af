package dev.facerec.twin.cloudformation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The deployed-stack records, one JSON file per stack, replaced atomically after every resource. */
public final class StackStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    public StackStore(Path directory) {
        this.directory = directory;
    }

    public Optional<StackRecord> load(String stackName) {
        Path file = file(stackName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack record " + file, e);
        }
    }

    void save(StackRecord record) {
        try {
            StateFiles.write(
                    file(record.stackName()),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the stack record of " + record.stackName(), e);
        }
    }

    void delete(String stackName) {
        try {
            Files.deleteIfExists(file(stackName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the stack record of " + stackName, e);
        }
    }

    private Path file(String stackName) {
        return directory.resolve(stackName + ".json");
    }
}
