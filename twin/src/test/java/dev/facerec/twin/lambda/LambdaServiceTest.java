package dev.facerec.twin.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The twin's Lambda against a real handler jar run through the Runtime Interface Client, and a real SQS server. */
class LambdaServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HANDLER = "fixture.TestHandler::handleRequest";

    @TempDir
    static Path workDirectory;

    private static Path handlerJar;
    private static SqsServer sqsServer;
    private static SqsClient sqs;
    private static LambdaService lambda;

    @BeforeAll
    static void startServices() throws Exception {
        handlerJar = HandlerJar.build(workDirectory.resolve("fixture"));
        sqsServer = SqsServer.start(workDirectory.resolve("sqs"), 0, "us-east-1", "000000000000");
        sqs = SqsClients.create(sqsServer.endpoint(), "us-east-1");
        lambda = new LambdaService(settings(workDirectory.resolve("lambda")));
    }

    @AfterAll
    static void stopServices() {
        lambda.close();
        sqs.close();
        sqsServer.close();
    }

    @Test
    void invoke_shouldRunTheHandlerInItsOwnJvm_whenTheFunctionIsJava() throws Exception {
        // GIVEN
        lambda.putFunction(function("echo", 256, Duration.ofSeconds(20), null));

        // WHEN
        InvocationResult result = lambda.invoke("echo", json(Map.of("action", "echo")));

        // THEN
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        JsonNode output = JSON.readTree(result.payload());
        assertThat(output.get("pid").asLong())
                .isNotEqualTo(ProcessHandle.current().pid());
        assertThat(output.get("functionName").asText()).isEqualTo("echo");
        assertThat(output.get("contextFunctionName").asText()).isEqualTo("echo");
        assertThat(output.get("greeting").asText()).isEqualTo("hello from the template");
        assertThat(output.get("toolOption").asText()).isEqualTo("on");
        assertThat(output.get("maxHeapMb").asLong()).isBetween(200L, 256L);
        assertThat(output.get("remainingMillis").asLong()).isBetween(1L, 20_000L);
        assertThat(output.get("workingDirectory").asText())
                .startsWith(workDirectory.resolve("lambda/code").toString());
        assertThat(output.get("nativeClient").asText())
                .startsWith(workDirectory.resolve("lambda/runtime").toString());
    }

    @Test
    void invoke_shouldReuseTheWarmProcess_whenCalledAgain() throws Exception {
        // GIVEN
        lambda.putFunction(function("warm", 128, Duration.ofSeconds(20), null));
        JsonNode first = JSON.readTree(
                lambda.invoke("warm", json(Map.of("action", "echo"))).payload());

        // WHEN
        JsonNode second = JSON.readTree(lambda.invoke(lambda.functionArn("warm"), json(Map.of("action", "echo")))
                .payload());

        // THEN
        assertThat(second.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
        assertThat(second.get("calls").asInt()).isEqualTo(2);
        assertThat(lambda.environments("warm")).isEqualTo(1);
    }

    @Test
    void invoke_shouldKeepJsonLogLinesWithTheRequestId_whenTheFunctionsLogFormatIsJson() throws Exception {
        // GIVEN a function whose LoggingConfig asks for JSON logs at level INFO
        FunctionConfiguration base = function("json-logs", 128, Duration.ofSeconds(20), null);
        lambda.putFunction(withLogging(base, new LoggingConfig("JSON", "INFO", "WARN")));

        // WHEN it logs through its context's logger at DEBUG, INFO and WARN
        InvocationResult result = lambda.invoke("json-logs", json(Map.of("action", "log")));

        // THEN the runtime wrote the lines at or above INFO as JSON objects carrying the request id
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        List<JsonNode> lines = fixtureLines("json-logs");
        assertThat(lines)
                .extracting(line -> line.path("message").asText())
                .containsExactly("fixture info", "fixture warn");
        assertThat(lines).extracting(line -> line.path("level").asText()).containsExactly("INFO", "WARN");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("AWSRequestId").asText()).isEqualTo(result.requestId());
            assertThat(line.path("timestamp").asText()).isNotEmpty();
        });
    }

    @Test
    void invoke_shouldKeepEveryPlainLogLine_whenTheFunctionHasNoLoggingConfig() throws Exception {
        // GIVEN a function with Lambda's default log format (plain text, no level filtering)
        lambda.putFunction(function("text-logs", 128, Duration.ofSeconds(20), null));

        // WHEN
        InvocationResult result = lambda.invoke("text-logs", json(Map.of("action", "log")));

        // THEN every line is kept, as text tagged with its level (the runtime's stdout sink adds no line breaks in the
        // text format: in Lambda the telemetry log descriptor frames each message instead)
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        String log = Files.readString(lambda.logFile("text-logs"));
        assertThat(log)
                .contains("[DEBUG] fixture debug", "[INFO] fixture info", "[WARN] fixture warn")
                .doesNotContain("AWSRequestId");
    }

    @Test
    void invoke_shouldReturnTheErrorDocument_whenTheHandlerThrows() throws Exception {
        // GIVEN
        lambda.putFunction(function("thrower", 128, Duration.ofSeconds(20), null));

        // WHEN
        InvocationResult result = lambda.invoke("thrower", json(Map.of("action", "fail")));

        // THEN
        assertUnhandled(result, "java.lang.IllegalStateException", "asked to fail");
    }

    @Test
    void invoke_shouldStopTheProcessAndReportATimeout_whenTheHandlerRunsTooLong() throws Exception {
        // GIVEN
        lambda.putFunction(function("slow", 128, Duration.ofSeconds(1), null));
        long firstPid = JSON.readTree(
                        lambda.invoke("slow", json(Map.of("action", "echo"))).payload())
                .get("pid")
                .asLong();

        // WHEN
        InvocationResult result = lambda.invoke("slow", json(Map.of("action", "sleep", "millis", 10_000)));

        // THEN
        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(JSON.readTree(result.payload()).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        long nextPid = JSON.readTree(
                        lambda.invoke("slow", json(Map.of("action", "echo"))).payload())
                .get("pid")
                .asLong();
        assertThat(nextPid).isNotEqualTo(firstPid);
    }

    @Test
    void invoke_shouldReportAnExitError_whenTheProcessExits() throws Exception {
        // GIVEN
        lambda.putFunction(function("quitter", 128, Duration.ofSeconds(20), null));

        // WHEN
        InvocationResult result = lambda.invoke("quitter", json(Map.of("action", "exit")));

        // THEN
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.get("errorMessage").asText()).contains("exit status 3");
    }

    @Test
    void invoke_shouldReportTheInitError_whenTheHandlerClassCannotBeLoaded() throws Exception {
        // GIVEN
        lambda.putFunction(new FunctionConfiguration(
                "broken",
                "fixture.BrokenHandler::handleRequest",
                "java21",
                128,
                Duration.ofSeconds(20),
                Map.of(),
                handlerJar,
                null,
                null));

        // WHEN
        InvocationResult result = lambda.invoke("broken", json(Map.of("action", "echo")));

        // THEN
        assertUnhandled(result, "java.lang.ExceptionInInitializerError", "Error loading class fixture.BrokenHandler");
    }

    @Test
    void invoke_shouldFailClearly_whenTheRuntimeIsNotJava() throws Exception {
        // GIVEN
        lambda.putFunction(new FunctionConfiguration(
                "python", "index.handler", "python3.13", 128, Duration.ofSeconds(3), Map.of(), null, null, null));

        // WHEN
        InvocationResult result = lambda.invoke("python", json(Map.of()));

        // THEN
        assertThat(JSON.readTree(result.payload()).get("errorMessage").asText()).contains("runtime python3.13");
    }

    @Test
    void invokeAsync_shouldRetryTheEvent_whenTheFunctionFailsAtFirst() throws Exception {
        // GIVEN
        String failures = queue();
        lambda.putFunction(function("flaky", 128, Duration.ofSeconds(20), null));
        lambda.putEventInvokeConfig("flaky", new EventInvokeConfig(2, Duration.ofMinutes(1), null, arn(failures)));
        Path attempts = workDirectory.resolve("flaky-attempts.txt");

        // WHEN
        lambda.invokeAsync("flaky", json(Map.of("action", "failUntil", "successOn", 3, "file", attempts.toString())));

        // THEN
        awaitLines(attempts, 3);
        awaitIdle("flaky");
        assertThat(Files.readAllLines(attempts)).hasSize(3);
        assertThat(receive(failures, 1)).isEmpty();
    }

    @Test
    void invokeAsync_shouldSendLambdasRecordToTheOnFailureQueue_whenRetriesAreExhausted() throws Exception {
        // GIVEN
        String failures = queue();
        lambda.putFunction(function("doomed", 128, Duration.ofSeconds(20), null));
        lambda.putEventInvokeConfig("doomed", new EventInvokeConfig(1, Duration.ofMinutes(1), null, arn(failures)));
        Map<String, Object> event = Map.of("action", "fail", "id", 42);

        // WHEN
        String requestId = lambda.invokeAsync("doomed", json(event));

        // THEN
        List<Message> messages = receive(failures, 20);
        assertThat(messages).hasSize(1);
        JsonNode record = JSON.readTree(messages.get(0).body());
        assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
        assertThat(record.at("/requestContext/functionArn").asText())
                .isEqualTo(lambda.functionArn("doomed") + ":$LATEST");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(record.get("requestPayload")).isEqualTo(JSON.valueToTree(event));
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("asked to fail");
    }

    @Test
    void invokeAsync_shouldRunOneAtATime_whenReservedConcurrencyIsOne() throws Exception {
        // GIVEN
        lambda.putFunction(function("single", 128, Duration.ofSeconds(20), 1));
        Path log = workDirectory.resolve("single.txt");

        // WHEN
        for (int i = 0; i < 3; i++) {
            lambda.invokeAsync("single", json(Map.of("action", "record", "millis", 300, "file", log.toString())));
        }

        // THEN
        awaitLines(log, 6);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines)
                .extracting(line -> line.split(" ")[0])
                .containsExactly("start", "end", "start", "end", "start", "end");
        assertThat(lambda.environments("single")).isEqualTo(1);
    }

    @Test
    void start_shouldKeepFunctionsAndDeliverQueuedEvents_whenTheServiceRestarts() throws Exception {
        // GIVEN a function that cannot run yet (reserved concurrency 0) and an event waiting for it
        Path directory = workDirectory.resolve("restart");
        Path log = workDirectory.resolve("restart.txt");
        try (LambdaService first = new LambdaService(settings(directory))) {
            first.putFunction(function("later", 128, Duration.ofSeconds(20), 0));
            first.invokeAsync("later", json(Map.of("action", "record", "millis", 1, "file", log.toString())));
        }

        // WHEN
        try (LambdaService second = new LambdaService(settings(directory))) {
            FunctionConfiguration kept = second.function("later").orElseThrow();
            second.putFunction(new FunctionConfiguration(
                    kept.name(),
                    kept.handler(),
                    kept.runtime(),
                    kept.memoryMb(),
                    kept.timeout(),
                    kept.environment(),
                    kept.code(),
                    1,
                    kept.role()));

            // THEN
            awaitLines(log, 2);
            assertThat(kept.environment()).containsEntry("GREETING", "hello from the template");
        }
    }

    @Test
    void start_shouldSendExpiredEventsToTheOnFailureQueue_whenTheyAreOlderThanTheMaximumAge() throws Exception {
        // GIVEN an event accepted two hours ago by a function whose events may wait one hour
        String failures = queue();
        Path directory = workDirectory.resolve("expired");
        try (LambdaService first = new LambdaService(settings(directory))) {
            first.putFunction(function("stale", 128, Duration.ofSeconds(20), null));
            first.putEventInvokeConfig("stale", new EventInvokeConfig(2, Duration.ofHours(1), null, arn(failures)));
        }
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        new EventStore(directory.resolve("events/stale"))
                .save(new QueuedEvent("old-event", json(Map.of("action", "echo")), twoHoursAgo, 0, twoHoursAgo));

        // WHEN
        try (LambdaService second = new LambdaService(settings(directory))) {
            // THEN
            List<Message> messages = receive(failures, 20);
            assertThat(messages).hasSize(1);
            JsonNode record = JSON.readTree(messages.get(0).body());
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
            assertThat(record.at("/requestContext/requestId").asText()).isEqualTo("old-event");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                    .isZero();
        }
    }

    private static void assertUnhandled(InvocationResult result, String errorType, String errorMessage)
            throws Exception {
        assertThat(result.functionError()).isEqualTo("Unhandled");
        JsonNode error = JSON.readTree(result.payload());
        assertThat(error.get("errorType").asText()).isEqualTo(errorType);
        assertThat(error.get("errorMessage").asText()).isEqualTo(errorMessage);
    }

    private static FunctionConfiguration withLogging(FunctionConfiguration function, LoggingConfig logging) {
        return new FunctionConfiguration(
                function.name(),
                function.handler(),
                function.runtime(),
                function.memoryMb(),
                function.timeout(),
                function.environment(),
                function.code(),
                function.reservedConcurrency(),
                function.role(),
                logging);
    }

    /** The lines of a function's log file that are JSON objects with a fixture message. */
    private static List<JsonNode> fixtureLines(String function) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(lambda.logFile(function))) {
            if (line.startsWith("{") && line.contains("fixture ")) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static LambdaSettings settings(Path directory) {
        return LambdaSettings.defaults(
                        directory,
                        "us-east-1",
                        "000000000000",
                        Map.of("AWS_ENDPOINT_URL_SQS", sqsServer.endpoint().toString()))
                .withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    private static FunctionConfiguration function(String name, int memoryMb, Duration timeout, Integer reserved) {
        return new FunctionConfiguration(
                name,
                HANDLER,
                "java21",
                memoryMb,
                timeout,
                Map.of("GREETING", "hello from the template", "JAVA_TOOL_OPTIONS", "-Dfixture.flag=on"),
                handlerJar,
                reserved,
                "arn:aws:iam::000000000000:role/test");
    }

    private static byte[] json(Map<String, Object> value) throws Exception {
        return JSON.writeValueAsBytes(value);
    }

    private static String queue() {
        return sqs.createQueue(b -> b.queueName("failures-" + UUID.randomUUID()))
                .queueUrl();
    }

    private static String arn(String queueUrl) {
        return sqsServer.queueArn(SqsServer.queueName(queueUrl));
    }

    private static List<Message> receive(String queueUrl, int waitSeconds) {
        List<Message> messages = new ArrayList<>(sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).waitTimeSeconds(waitSeconds).maxNumberOfMessages(10))
                .messages());
        messages.addAll(
                sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                        .messages());
        return messages;
    }

    private static void awaitLines(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && (!Files.exists(file) || Files.readAllLines(file).size() < lines)) {
            Thread.sleep(50);
        }
    }

    private static void awaitIdle(String function) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && lambda.pendingEvents(function) > 0) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }
}
