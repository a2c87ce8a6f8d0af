package dev.facerec.jarprune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole step on a small jar, with the functions' ProGuard rules (functions/lambda-shrink.pro) plus one rule that
 * keeps a request nothing calls (as a rule would keep a class the code finds by name): JarPrune must keep it too.
 */
class LambdaJarTest {

    private static final Path FUNCTION_RULES = Path.of("../lambda-shrink.pro");
    private static final List<Pattern> MODEL =
            List.of(Pattern.compile("software/amazon/awssdk/services/[^/]+/model/.*"));
    private static final String USED = "software/amazon/awssdk/services/demo/model/UsedRequest";
    private static final String OTHER = "software/amazon/awssdk/services/demo/model/OtherRequest";

    @TempDir
    Path dir;

    private Path rules;

    @BeforeEach
    void rules() throws IOException {
        rules = dir.resolve("rules.pro");
        Files.writeString(
                rules,
                "-include " + FUNCTION_RULES.toAbsolutePath() + "\n"
                        + "-keep class software.amazon.awssdk.services.demo.model.OtherRequest { *; }\n");
    }

    @Test
    void build_shouldShrinkKeepWhatTheRulesKeep_andDoNothingAgainWhileInputsAndOutputAreUnchanged() throws Exception {
        // GIVEN a handler that makes one request; a class nothing calls; a request a keep rule names, with its builder
        Path shaded = shadedJar();
        Path out = dir.resolve("lambda");

        // WHEN
        String first = LambdaJar.build(shaded, rules, out, MODEL);
        String digest = LambdaJar.treeDigest(out);
        String second = LambdaJar.build(shaded, rules, out, MODEL);

        // THEN ProGuard dropped the class nothing calls; the kept request stayed, with the builder it refers to, though
        // no other class refers to them; and the second build did nothing
        assertThat(Jars.files(out))
                .containsExactlyInAnyOrder(
                        "app/FunctionHandler.class",
                        Classes.REQUEST_HANDLER + ".class",
                        USED + ".class",
                        OTHER + ".class",
                        OTHER + "$Builder.class");
        assertThat(first).isEqualTo("5 classes after ProGuard, 3 prunable, 0 removed");
        assertThat(second).isEqualTo("up to date");
        assertThat(LambdaJar.treeDigest(out)).isEqualTo(digest);
    }

    @Test
    void build_shouldBuildAgain_whenTheOutputWasChangedOrTheRulesChanged() throws Exception {
        // GIVEN a built output, then one of its classes overwritten (as anyone with access to the directory could)
        Path shaded = shadedJar();
        Path out = dir.resolve("lambda");
        LambdaJar.build(shaded, rules, out, MODEL);
        String digest = LambdaJar.treeDigest(out);
        Files.write(out.resolve(USED + ".class"), new byte[] {0, 0, 0, 0});

        // WHEN
        String rebuilt = LambdaJar.build(shaded, rules, out, MODEL);

        // THEN the damaged output is not reused: it is built again, to the same bytes
        assertThat(rebuilt).isNotEqualTo("up to date");
        assertThat(LambdaJar.treeDigest(out)).isEqualTo(digest);

        // AND a change of the rules (a comment is enough) builds again too
        Files.writeString(rules, Files.readString(rules) + "# changed\n");
        assertThat(LambdaJar.build(shaded, rules, out, MODEL)).isNotEqualTo("up to date");
    }

    private Path shadedJar() throws IOException {
        Path jar = dir.resolve("shaded.jar");
        Map<String, byte[]> entries = Map.of(
                Classes.REQUEST_HANDLER + ".class",
                Classes.requestHandlerInterface(),
                "app/FunctionHandler.class",
                Classes.functionHandler(USED),
                "app/NeverCalled.class",
                Classes.empty("app/NeverCalled"),
                USED + ".class",
                Classes.empty(USED),
                OTHER + ".class",
                Classes.holding(OTHER, OTHER + "$Builder"),
                OTHER + "$Builder.class",
                Classes.holding(OTHER + "$Builder", OTHER));
        return Jars.write(jar, entries);
    }
}
