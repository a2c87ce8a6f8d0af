package dev.facerec.twin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.AssetLocator;
import dev.facerec.twin.cloudformation.DeployerRegistry;
import dev.facerec.twin.cloudformation.DeploymentException;
import dev.facerec.twin.cloudformation.StackDeployer;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.cloudformation.StackStore;
import dev.facerec.twin.cloudformation.Template;
import dev.facerec.twin.cloudformation.resources.EventBusDeployer;
import dev.facerec.twin.cloudformation.resources.FunctionDeployer;
import dev.facerec.twin.cloudformation.resources.RuleDeployer;
import dev.facerec.twin.lambda.HandlerJar;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LambdaSettings;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Rules deployed from templates onto the twin's EventBridge, with a real Lambda function target. */
class EventsServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    static Path directory;

    private static Path handlerJar;
    private static SqsServer sqsServer;
    private static SqsClient sqs;
    private static LambdaService lambda;
    private static EventsService events;

    @BeforeAll
    static void startServices() throws Exception {
        handlerJar = HandlerJar.build(directory.resolve("fixture"));
        sqsServer = SqsServer.start(directory.resolve("sqs"), 0, REGION, ACCOUNT);
        sqs = SqsClients.create(sqsServer.endpoint(), REGION);
        lambda = new LambdaService(LambdaSettings.defaults(directory.resolve("lambda"), REGION, ACCOUNT, Map.of()));
        events = new EventsService(directory.resolve("events"), REGION, ACCOUNT, lambda, sqs, Clock.systemUTC());
    }

    @AfterAll
    static void stopServices() {
        events.close();
        lambda.close();
        sqs.close();
        sqsServer.close();
    }

    @Test
    void runNow_shouldInvokeTheFunctionWithTheScheduledEvent_whenTheRuleHasALambdaTarget() throws Exception {
        // GIVEN a deployed daily clean-up rule on a function
        Path log = directory.resolve("cleanup-events.log");
        StackRecord record = deploy("Cleanup", template(log, """
        "Rule": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "cron(0 3 * * ? *)",
          "Targets": [{"Id": "fn", "Arn": {"Fn::GetAtt": ["Fn", "Arn"]}}]}}"""));
        String ruleName = record.resource("Rule").physicalId();
        String ruleArn = record.resource("Rule").attributes().get("Arn").asText();

        // WHEN
        String eventId = events.runNow(ruleName);

        // THEN
        JsonNode event = JSON.readTree(awaitLines(log, 1).get(0));
        assertThat(ruleArn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/" + ruleName);
        assertThat(event.get("id").asText()).isEqualTo(eventId);
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(event.get("source").asText()).isEqualTo("aws.events");
        assertThat(event.get("resources")).containsExactly(JSON.getNodeFactory().textNode(ruleArn));
        assertThat(event.get("detail")).isEqualTo(JSON.createObjectNode());
        assertThat(Instant.parse(event.get("time").asText())).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));

        // AND run at a moved clock, the event carries that time (what the retention function takes as now)
        Instant later = Instant.parse("2029-12-10T03:00:00Z");
        events.runNow(ruleName, later);
        assertThat(Instant.parse(
                        JSON.readTree(awaitLines(log, 2).get(1)).get("time").asText()))
                .isEqualTo(later);
    }

    @Test
    void schedule_shouldFireOnTheTimer_whenTheCronMinuteComes() throws Exception {
        // GIVEN a service whose clock is a second before a full minute, and an every-minute rule on a custom bus
        Instant now = Instant.now();
        Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Clock clock = Clock.offset(
                Clock.systemUTC(), Duration.between(now, nextMinute).minusSeconds(1));
        Path log = directory.resolve("timer-events.log");
        deploy("Timer", template(log, ""));
        try (EventsService timed = new EventsService(directory.resolve("timed"), REGION, ACCOUNT, lambda, sqs, clock)) {
            timed.putEventBus("jobs");

            // WHEN
            timed.putRule(new EventRule(
                    "every-minute",
                    "jobs",
                    null,
                    "cron(* * * * ? *)",
                    true,
                    List.of(new RuleTarget("fn", lambda.functionArn(functionName("Timer")), null, null))));

            // THEN
            JsonNode event = JSON.readTree(awaitLines(log, 1).get(0));
            assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.get("time").asText()).isEqualTo(nextMinute.toString());
            assertThat(event.get("resources").get(0).asText())
                    .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/jobs/every-minute");
        }
    }

    @Test
    void start_shouldFindTheBusesAndRules_whenTheServiceStartsAgainOnTheDirectory() {
        // GIVEN
        Path data = directory.resolve("restarted");
        EventRule rule = new EventRule(
                "kept",
                "audit",
                "{\"source\": [{\"prefix\": \"facerec\"}]}",
                "rate(1 day)",
                false,
                List.of(new RuleTarget("q", "arn:aws:sqs:us-east-1:000000000000:kept", "{}", null)));
        try (EventsService first = new EventsService(data, REGION, ACCOUNT, lambda, sqs, Clock.systemUTC())) {
            first.putEventBus("audit");
            first.putRule(rule);
        }

        // WHEN
        try (EventsService second = new EventsService(data, REGION, ACCOUNT, lambda, sqs, Clock.systemUTC())) {

            // THEN
            assertThat(second.hasEventBus("audit")).isTrue();
            assertThat(second.rule("audit", "kept")).contains(rule);
        }
    }

    @Test
    @DisplayName("fails if Event Ruler rejects a rule's pattern, naming the rule and the reason")
    void deploy_shouldFailNamingTheRule_whenRulerRejectsThePattern() throws Exception {
        // GIVEN a pattern with an operator EventBridge does not have
        String rule = """
        "Watch": {"Type": "AWS::Events::Rule", "Properties": {"Name": "watch-list",
          "EventPattern": {"detail": {"score": [{"greater-than": 90}]}},
          "Targets": [{"Id": "fn", "Arn": {"Fn::GetAtt": ["Fn", "Arn"]}}]}}""";

        // WHEN / THEN
        assertThatThrownBy(() -> deploy("BadPattern", template(directory.resolve("unused.log"), rule)))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("resource Watch (AWS::Events::Rule) failed")
                .hasMessageContaining("rule watch-list has an event pattern EventBridge rejects: ")
                .hasMessageContaining("greater-than");
        assertThat(events.rule(EventsService.DEFAULT_BUS, "watch-list")).isEmpty();
    }

    @Test
    @DisplayName("fails if a target is neither a Lambda function nor an SQS queue, naming its type")
    void putRule_shouldFailNamingTheTargetType_whenTheTargetIsAnSnsTopic() {
        // GIVEN
        EventRule rule = new EventRule(
                "to-topic",
                EventsService.DEFAULT_BUS,
                "{\"source\": [\"facerec\"]}",
                null,
                true,
                List.of(new RuleTarget("topic", "arn:aws:sns:us-east-1:000000000000:alerts", null, null)));

        // WHEN / THEN
        assertThatThrownBy(() -> events.putRule(rule))
                .hasMessage(
                        "rule to-topic has target topic of type sns (arn:aws:sns:us-east-1:000000000000:alerts): the "
                                + "twin delivers to Lambda functions and SQS queues only");
    }

    @Test
    void deploy_shouldRefCustomBusRulesAsBusAndName_andDeleteThemWithTheStack() throws Exception {
        // GIVEN
        String resources = """
        "Bus": {"Type": "AWS::Events::EventBus", "Properties": {"Name": "recognitions"}},
        "Rule": {"Type": "AWS::Events::Rule", "Properties": {"Name": "on-bus", "EventBusName": {"Ref": "Bus"},
          "EventPattern": {"source": ["facerec"]}, "State": "DISABLED",
          "Targets": [{"Id": "fn", "Arn": {"Fn::GetAtt": ["Fn", "Arn"]}}]}}""";
        StackRecord record = deploy("CustomBus", template(directory.resolve("bus.log"), resources));

        // WHEN
        deployer().destroy("CustomBus");

        // THEN
        assertThat(record.resource("Bus").attributes().get("Arn").asText())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/recognitions");
        assertThat(record.resource("Rule").physicalId()).isEqualTo("recognitions|on-bus");
        assertThat(events.rule("recognitions", "on-bus")).isEmpty();
        assertThat(events.hasEventBus("recognitions")).isFalse();
    }

    private static StackRecord deploy(String stackName, ObjectNode template) {
        return deployer()
                .deploy(
                        stackName,
                        Template.parse(template),
                        new AssetLocator(Map.of("fixture.jar", handlerJar)),
                        Map.of());
    }

    private static StackDeployer deployer() {
        DeployerRegistry registry = new DeployerRegistry()
                .register(new FunctionDeployer(lambda))
                .register(new EventBusDeployer(events))
                .register(new RuleDeployer(events));
        return new StackDeployer(registry, new StackStore(directory.resolve("stacks")), REGION, ACCOUNT, line -> {});
    }

    private static String functionName(String stackName) {
        return new StackStore(directory.resolve("stacks"))
                .load(stackName)
                .orElseThrow()
                .resource("Fn")
                .physicalId();
    }

    /** A function that logs its events to {@code log}, and the given resources. */
    private static ObjectNode template(Path log, String resources) throws Exception {
        return (ObjectNode) JSON.readTree("""
        {"Resources": {
          "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
            "Code": {"S3Bucket": "assets", "S3Key": "fixture.jar"}, "Handler": "fixture.EventLogHandler::handleRequest",
            "Runtime": "java21", "MemorySize": 128, "Timeout": 20, "Role": "arn:aws:iam::000000000000:role/fn",
            "Environment": {"Variables": {"EVENT_LOG": "%s"}}}}%s
        }}""".formatted(log, resources.isEmpty() ? "" : ",\n" + resources));
    }

    private static List<String> awaitLines(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && (!Files.exists(file) || Files.readAllLines(file).size() < lines)) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
        return Files.readAllLines(file);
    }
}
