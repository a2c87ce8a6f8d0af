package dev.facerec.jarprune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DanglingReferencesTest {

    @TempDir
    Path dir;

    @Test
    void find_shouldReportAReferenceToAClassTheShadedJarHeldAndTheOutputLost_butNotOneItNeverHeld() throws Exception {
        // GIVEN a shaded jar with a handler, the request it makes and a class it holds, and an output without the
        // request; the handler also holds a class no jar ever had (an optional dependency, absent on purpose)
        Path shaded = Jars.write(
                dir.resolve("shaded.jar"),
                Map.of(
                        "app/Handler.class", Classes.handler(),
                        "sdk/s3/model/UsedRequest.class", Classes.empty("sdk/s3/model/UsedRequest"),
                        "app/Holder.class", Classes.holding("app/Holder", "optional/Absent")));
        Path out = Files.createDirectories(dir.resolve("out/app"));
        Files.write(out.resolve("Handler.class"), Classes.handler());
        Files.write(out.resolve("Holder.class"), Classes.holding("app/Holder", "optional/Absent"));

        // WHEN
        var dangling = DanglingReferences.find(shaded, dir.resolve("out"));

        // THEN
        assertThat(dangling).containsExactly("app/Handler -> sdk/s3/model/UsedRequest");
    }

    @Test
    void find_shouldReportNothing_whenEveryReferencedClassStayed() throws Exception {
        Path shaded = Jars.write(
                dir.resolve("shaded.jar"),
                Map.of(
                        "app/Handler.class", Classes.handler(),
                        "sdk/s3/model/UsedRequest.class", Classes.empty("sdk/s3/model/UsedRequest")));
        Path out = dir.resolve("out");
        new JarPrune(List.of()).prune(shaded, out);

        assertThat(DanglingReferences.find(shaded, out)).isEmpty();
    }
}
