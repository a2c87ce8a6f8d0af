package dev.facerec.jarprune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DanglingReferencesTest {

    @TempDir
    Path dir;

    @Test
    void find_shouldReportAReferenceToAClassTheShadedJarHeldAndTheOutputLost_butNotOneItNeverHeld() throws Exception {
        // GIVEN an output without the request the handler makes; the holder refers to a class no jar ever had (an
        // optional dependency, absent on purpose)
        Path shaded = shadedJar();
        Path out = Files.createDirectories(dir.resolve("out/app"));
        Files.write(out.resolve("Handler.class"), Classes.handler());
        Files.write(out.resolve("Holder.class"), Classes.holding("app/Holder", "optional/Absent"));

        // WHEN
        List<String> dangling = DanglingReferences.find(shaded, dir.resolve("out"));

        // THEN
        assertThat(dangling).containsExactly("app/Handler -> sdk/s3/model/UsedRequest");
    }

    @Test
    void find_shouldReportNothing_whenJarPruneKeptWhatTheCodeNeeds() throws Exception {
        Path shaded = shadedJar();
        Path out = dir.resolve("out");
        new JarPrune(List.of(Pattern.compile("sdk/s3/model/.*"))).prune(shaded, out);

        assertThat(DanglingReferences.find(shaded, out)).isEmpty();
        assertThat(Jars.files(out)).contains("sdk/s3/model/UsedRequest.class");
    }

    /** A handler, the request it makes, and a class that holds a reference to a class the jar does not have. */
    private Path shadedJar() throws IOException {
        return Jars.write(
                dir.resolve("shaded.jar"),
                Map.of(
                        "app/Handler.class", Classes.handler(),
                        "sdk/s3/model/UsedRequest.class", Classes.empty("sdk/s3/model/UsedRequest"),
                        "app/Holder.class", Classes.holding("app/Holder", "optional/Absent")));
    }
}
