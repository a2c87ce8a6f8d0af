package dev.facerec.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart on the twin's Lambda, with a real handler jar whose org.crac hooks record what ran in its JVM: a published
 * version is initialised and its hooks run before its first invocation; {@code $LATEST} and functions without
 * SnapStart start on demand without them.
 */
class SnapStartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RESTORED = List.of(
            "init",
            "beforeCheckpoint second",
            "beforeCheckpoint first",
            "afterRestore first",
            "afterRestore second",
            "invoke");

    @TempDir
    static Path workDirectory;

    private static Path handlerJar;
    private static LambdaService lambda;

    @BeforeAll
    static void startLambda() throws Exception {
        handlerJar = HandlerJar.build(workDirectory.resolve("fixture"));
        lambda = new LambdaService(
                LambdaSettings.defaults(workDirectory.resolve("lambda"), "us-east-1", "000000000000", Map.of()));
    }

    @AfterAll
    static void stopLambda() {
        lambda.close();
    }

    @Test
    void publishedVersion_shouldRunTheHooksOnceInOrderBeforeItsFirstInvocation_whenSnapStartIsOn() throws Exception {
        // GIVEN
        lambda.putFunction(function("snappy", Map.of(), true));
        String version = lambda.publishVersion("snappy");
        lambda.putAlias("snappy", "live", version);
        long published = System.currentTimeMillis();

        // WHEN
        JsonNode first = invoke("snappy:live");
        JsonNode second = invoke("snappy:" + version);

        // THEN
        assertThat(events(first)).isEqualTo(RESTORED);
        assertThat(first.get("initializedAt").asLong()).isLessThanOrEqualTo(published);
        assertThat(first.get("version").asText()).isEqualTo(version);
        assertThat(first.get("initializationType").asText()).isEqualTo("snap-start");
        List<String> again = new ArrayList<>(RESTORED);
        again.add("invoke");
        assertThat(events(second)).isEqualTo(again);
        assertThat(second.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
    }

    @Test
    void latest_shouldStartOnDemandWithoutHooks_whenTheFunctionHasSnapStart() throws Exception {
        // GIVEN
        lambda.putFunction(function("snappy-latest", Map.of(), true));
        lambda.publishVersion("snappy-latest");

        // WHEN
        JsonNode latest = invoke("snappy-latest");

        // THEN
        assertThat(events(latest)).containsExactly("init", "invoke");
        assertThat(latest.get("version").asText()).isEqualTo("$LATEST");
        assertThat(latest.get("initializationType").asText()).isEqualTo("on-demand");
    }

    @Test
    void publishedVersion_shouldStartOnDemandWithoutHooks_whenSnapStartIsOff() throws Exception {
        // GIVEN
        lambda.putFunction(function("plain", Map.of(), false));
        String version = lambda.publishVersion("plain");

        // WHEN
        JsonNode answer = invoke("plain:" + version);

        // THEN
        assertThat(events(answer)).containsExactly("init", "invoke");
        assertThat(answer.get("initializationType").asText()).isEqualTo("on-demand");
    }

    @Test
    void publishVersion_shouldFailAndDropTheVersion_whenABeforeCheckpointHookFails() {
        // GIVEN
        lambda.putFunction(function("unprimable", Map.of("FAIL_CHECKPOINT", "yes"), true));

        // WHEN / THEN
        assertThatThrownBy(() -> lambda.publishVersion("unprimable"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SnapStart could not initialise version 1 of function unprimable")
                .hasMessageContaining("com.amazonaws.services.lambda.crac.CheckpointException");
        assertThatThrownBy(() -> lambda.invoke("unprimable:1", new byte[0]))
                .hasMessage("Function not found: unprimable:1");
    }

    private static JsonNode invoke(String function) throws Exception {
        InvocationResult result = lambda.invoke(function, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return JSON.readTree(result.payload());
    }

    private static List<String> events(JsonNode answer) {
        List<String> events = new ArrayList<>();
        answer.get("events").forEach(event -> events.add(event.asText()));
        return events;
    }

    private static FunctionConfiguration function(String name, Map<String, String> environment, boolean snapStart) {
        return new FunctionConfiguration(
                        name,
                        "fixture.SnapStartHandler::handleRequest",
                        "java21",
                        256,
                        Duration.ofSeconds(30),
                        environment,
                        handlerJar,
                        null,
                        "arn:aws:iam::000000000000:role/test")
                .withSnapStart(snapStart);
    }
}
