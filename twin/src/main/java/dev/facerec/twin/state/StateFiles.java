package dev.facerec.twin.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the twin's own state files (stack records, function definitions, queued events, notification
 * configurations, {@code twin.json}) so that a kill at any moment leaves either the old content or the new one:
 * the text goes to a temporary file next to the target, which then replaces the target in one atomic rename.
 */
public final class StateFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFiles() {}

    /** Replaces {@code file} with {@code value} as pretty-printed JSON, atomically. */
    public static void writeJson(Path file, Object value) {
        try {
            write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The JSON value in {@code file}, or {@code absent} when there is no such file. */
    public static <T> T readJson(Path file, TypeReference<T> type, T absent) {
        if (!Files.isRegularFile(file)) {
            return absent;
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Replaces {@code file} with {@code content} (UTF-8) atomically, creating its directory if needed. */
    public static void write(Path file, String content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
