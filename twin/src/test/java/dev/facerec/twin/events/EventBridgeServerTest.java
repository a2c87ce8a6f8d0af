package dev.facerec.twin.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LambdaSettings;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** PutEvents through the real SDK {@code EventBridgeClient}; rules matched by Event Ruler; SQS targets on ElasticMQ. */
class EventBridgeServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    static Path directory;

    private static SqsServer sqsServer;
    private static SqsClient sqs;
    private static LambdaService lambda;
    private static EventsService events;
    private static EventBridgeServer server;
    private static EventBridgeClient client;

    @BeforeAll
    static void startServices() {
        sqsServer = SqsServer.start(directory.resolve("sqs"), 0, REGION, ACCOUNT);
        sqs = SqsClients.create(sqsServer.endpoint(), REGION);
        lambda = new LambdaService(LambdaSettings.defaults(directory.resolve("lambda"), REGION, ACCOUNT, Map.of()));
        events = new EventsService(directory.resolve("events"), REGION, ACCOUNT, lambda, sqs, Clock.systemUTC());
        server = EventBridgeServer.bind(0).serve(events);
        client = ServiceClients.eventBridge(server.endpoint(), REGION);
    }

    @AfterAll
    static void stopServices() {
        client.close();
        server.close();
        events.close();
        lambda.close();
        sqs.close();
        sqsServer.close();
    }

    @Test
    void putEvents_shouldDeliverTheEnvelopeToTheQueue_whenPrefixAnythingButAndNumericMatch() throws Exception {
        // GIVEN a watch-list rule: source prefix, any status but "rejected", a score of at least 90
        String queueUrl = queueWithRule("watch", """
        {"source": [{"prefix": "facerec"}],
         "detail": {"status": [{"anything-but": "rejected"}], "score": [{"numeric": [">=", 90]}]}}""");

        // WHEN
        PutEventsResponse response = client.putEvents(
                b -> b.entries(entry("facerec.recognition", "{\"status\": \"matched\", \"score\": 97.5}").toBuilder()
                        .resources("arn:aws:s3:::photos/a.jpg")
                        .time(Instant.parse("2026-12-07T10:15:30.250Z"))
                        .build()));

        // THEN
        assertThat(response.failedEntryCount()).isZero();
        List<Message> messages = receive(queueUrl);
        assertThat(messages).hasSize(1);
        JsonNode event = JSON.readTree(messages.get(0).body());
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
        assertThat(event.get("detail-type").asText()).isEqualTo("Recognition Finished");
        assertThat(event.get("source").asText()).isEqualTo("facerec.recognition");
        assertThat(event.get("account").asText()).isEqualTo(ACCOUNT);
        assertThat(event.get("region").asText()).isEqualTo(REGION);
        assertThat(event.get("time").asText()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(event.get("resources")).containsExactly(JSON.getNodeFactory().textNode("arn:aws:s3:::photos/a.jpg"));
        assertThat(event.get("detail")).isEqualTo(JSON.readTree("{\"status\": \"matched\", \"score\": 97.5}"));
    }

    @Test
    void putEvents_shouldNotDeliver_whenTheEventMissesAnyPartOfThePattern() throws Exception {
        // GIVEN
        String queueUrl = queueWithRule("strict", """
        {"source": [{"prefix": "facerec"}],
         "detail": {"status": [{"anything-but": "rejected"}], "score": [{"numeric": [">=", 90]}]}}""");

        // WHEN three events that each miss one condition, then one that matches
        PutEventsResponse response = client.putEvents(b -> b.entries(
                entry("other.app", "{\"status\": \"matched\", \"score\": 99}"),
                entry("facerec", "{\"status\": \"rejected\", \"score\": 99}"),
                entry("facerec", "{\"status\": \"matched\", \"score\": 89.9}"),
                entry("facerec", "{\"status\": \"matched\", \"score\": 90, \"n\": 4}")));

        // THEN only the last arrives (delivery is done when PutEvents answers)
        assertThat(response.failedEntryCount()).isZero();
        List<Message> messages = receive(queueUrl);
        assertThat(messages).hasSize(1);
        assertThat(JSON.readTree(messages.get(0).body()).at("/detail/n").asInt())
                .isEqualTo(4);
    }

    @Test
    void putEvents_shouldSendTheConstantInput_whenTheTargetHasInput() throws Exception {
        // GIVEN
        String queueUrl = queueWithRule(
                "constant",
                "{\"detail-type\": [{\"equals-ignore-case\": \"recognition finished\"}]}",
                "{\"fixed\": true}",
                null);

        // WHEN
        client.putEvents(b -> b.entries(entry("facerec", "{\"status\": \"matched\"}")));

        // THEN
        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly("{\"fixed\": true}");
    }

    @Test
    void putEvents_shouldSendThePartAtTheInputPath_whenTheTargetHasInputPath() throws Exception {
        // GIVEN (exists matches leaves only, as in EventBridge)
        String queueUrl = queueWithRule(
                "part", "{\"detail\": {\"person\": {\"watch\": [{\"exists\": true}]}}}", null, "$.detail.person");

        // WHEN
        client.putEvents(b -> b.entries(entry("facerec", "{\"person\": {\"watch\": \"list-1\"}}")));

        // THEN
        assertThat(receive(queueUrl))
                .extracting(m -> JSON.readTree(m.body()))
                .containsExactly(JSON.readTree("{\"watch\": \"list-1\"}"));
    }

    @Test
    void putEvents_shouldGiveTheBadEntriesTheirErrorCodes_whenOthersAreValid() {
        // WHEN
        PutEventsResponse response = client.putEvents(b -> b.entries(
                entry("facerec", "{\"ok\": 1}"),
                entry("facerec", "not json"),
                entry("facerec", "[1, 2]"),
                PutEventsRequestEntry.builder()
                        .detailType("Recognition Finished")
                        .detail("{}")
                        .build(),
                entry("aws.events", "{}"),
                entry("facerec", "{}").toBuilder().eventBusName("no-such-bus").build()));

        // THEN
        assertThat(response.failedEntryCount()).isEqualTo(5);
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        assertThat(response.entries().get(0).errorCode()).isNull();
        List<PutEventsResultEntry> failed =
                response.entries().subList(1, response.entries().size());
        assertThat(failed)
                .extracting(PutEventsResultEntry::errorCode)
                .containsExactly(
                        "MalformedDetail",
                        "MalformedDetail",
                        "InvalidArgument",
                        "NotAuthorizedForSourceException",
                        "ResourceNotFoundException");
        assertThat(response.entries().get(3).errorMessage()).contains("Source");
        assertThat(failed).allSatisfy(e -> assertThat(e.eventId()).isNull());
    }

    @Test
    @DisplayName("fails if a request has 11 entries, with EventBridge's ValidationException")
    void putEvents_shouldFailWithAValidationException_whenThereAreElevenEntries() {
        // GIVEN
        List<PutEventsRequestEntry> entries =
                IntStream.range(0, 11).mapToObj(i -> entry("facerec", "{}")).toList();

        // WHEN / THEN
        assertThatThrownBy(() -> client.putEvents(b -> b.entries(entries)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("between 1 and 10");
                });
    }

    @Test
    @DisplayName("fails if the entries are larger than 256 KB together")
    void putEvents_shouldFailWithAValidationException_whenTheEntriesExceed256Kb() {
        // GIVEN two entries of 130 KB each: each fits alone, not together
        String detail = "{\"pad\": \"" + String.join("", Collections.nCopies(130 * 1024, "x")) + "\"}";

        // WHEN / THEN
        assertThat(client.putEvents(b -> b.entries(entry("facerec", detail))).failedEntryCount())
                .isZero();
        assertThatThrownBy(() -> client.putEvents(b -> b.entries(entry("facerec", detail), entry("facerec", detail))))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
    }

    @Test
    void putEvents_shouldDeliverOnlyToTheBusRules_whenTheEntryNamesACustomBusByArn() throws Exception {
        // GIVEN the same pattern on the default bus and on a custom bus
        String busArn = events.putEventBus("watch-list");
        String pattern = "{\"source\": [\"facerec.bus\"]}";
        String defaultQueue = queueWithRule("on-default", pattern);
        String queueUrl = queue();
        events.putRule(new EventRule(
                "on-custom",
                "watch-list",
                pattern,
                null,
                true,
                List.of(new RuleTarget("q", sqsServer.queueArn(SqsServer.queueName(queueUrl)), null, null))));

        // WHEN
        client.putEvents(b -> b.entries(
                entry("facerec.bus", "{}").toBuilder().eventBusName(busArn).build()));

        // THEN
        assertThat(receive(queueUrl)).hasSize(1);
        assertThat(receive(defaultQueue)).isEmpty();
    }

    private static PutEventsRequestEntry entry(String source, String detail) {
        return PutEventsRequestEntry.builder()
                .source(source)
                .detailType("Recognition Finished")
                .detail(detail)
                .build();
    }

    private static String queueWithRule(String ruleName, String pattern) {
        return queueWithRule(ruleName, pattern, null, null);
    }

    private static String queueWithRule(String ruleName, String pattern, String input, String inputPath) {
        String queueUrl = queue();
        events.putRule(new EventRule(
                ruleName,
                EventsService.DEFAULT_BUS,
                pattern,
                null,
                true,
                List.of(new RuleTarget("queue", sqsServer.queueArn(SqsServer.queueName(queueUrl)), input, inputPath))));
        return queueUrl;
    }

    private static String queue() {
        return sqs.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
    }

    private static List<Message> receive(String queueUrl) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                .messages();
    }
}
