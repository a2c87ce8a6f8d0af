package dev.facerec.twin.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

    @TempDir
    Path directory;

    @Test
    void write_shouldReplaceTheFileAndLeaveNoTemporaryFile_whenTheFileExists() throws Exception {
        // GIVEN
        Path file = directory.resolve("stacks").resolve("Stack.json");
        StateFiles.write(file, "{\"old\":true}");

        // WHEN
        StateFiles.write(file, "{\"new\":\"é\"}");

        // THEN
        assertThat(Files.readString(file)).isEqualTo("{\"new\":\"é\"}");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("Stack.json");
        }
    }
}
