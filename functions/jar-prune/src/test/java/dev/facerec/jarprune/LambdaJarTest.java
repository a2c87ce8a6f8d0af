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
 * keeps a request and its builder that nothing calls, as ProGuard keeps the SDK's unused requests.
 */
class LambdaJarTest {

    private static final Path FUNCTION_RULES = Path.of("../lambda-shrink.pro");
    private static final List<Pattern> MODEL =
            List.of(Pattern.compile("software/amazon/awssdk/services/[^/]+/model/.*"));
    private static final String USED = "software/amazon/awssdk/services/demo/model/UsedRequest";

    @TempDir
    Path dir;

    private Path rules;

    @BeforeEach
    void rules() throws IOException {
        rules = dir.resolve("rules.pro");
        Files.writeString(
                rules,
                "-include " + FUNCTION_RULES.toAbsolutePath() + "\n"
                        + "-keep class software.amazon.awssdk.services.demo.model.OtherRequest** { *; }\n");
    }

    @Test
    void build_shouldShrinkThenPrune_andDoNothingAgainWhileInputsAndOutputAreUnchanged() throws Exception {
        // GIVEN a handler that makes one request; a class nothing calls; a request and builder holding each other
        Path shaded = shadedJar();
        Path out = dir.resolve("lambda");

        // WHEN
        String first = LambdaJar.build(shaded, rules, out, MODEL);
        String digest = LambdaJar.treeDigest(out);
        String second = LambdaJar.build(shaded, rules, out, MODEL);

        // THEN ProGuard dropped the class nothing calls, jar-prune the pair, and the second build did nothing
        assertThat(Jars.files(out))
                .containsExactlyInAnyOrder(
                        "app/FunctionHandler.class", Classes.REQUEST_HANDLER + ".class", USED + ".class");
        assertThat(first).isEqualTo("5 classes after ProGuard, 3 prunable, 2 removed");
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
                "software/amazon/awssdk/services/demo/model/OtherRequest.class",
                Classes.holding(
                        "software/amazon/awssdk/services/demo/model/OtherRequest",
                        "software/amazon/awssdk/services/demo/model/OtherRequest$Builder"),
                "software/amazon/awssdk/services/demo/model/OtherRequest$Builder.class",
                Classes.holding(
                        "software/amazon/awssdk/services/demo/model/OtherRequest$Builder",
                        "software/amazon/awssdk/services/demo/model/OtherRequest"));
        return Jars.write(jar, entries);
    }
}
