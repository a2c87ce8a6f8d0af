package dev.facerec.twin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.events.EventRule;
import dev.facerec.twin.events.EventsService;
import dev.facerec.twin.events.RuleTarget;
import dev.facerec.twin.lambda.HandlerJar;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The twin end to end on a CDK-synthesized sample stack (see {@code cloudformation/sample-assembly/README.md}):
 * deployment, S3 event notifications delivered to a Java function in its own JVM, the on-failure queue, restart.
 */
@TestMethodOrder(OrderAnnotation.class)
class TwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ASSET = "asset.8202d27921b8d5cbaa8697b975372b29e7dc6f8eecb99d8f64e20efc6aa9ca98.jar";
    private static final String LEGACY_ASSET_ID = "8b7518f1de299b8661ba2d238b5fba6f1df7e3906a8f020e0de864275d180aa7";
    private static final String LEGACY_ASSET = "asset." + LEGACY_ASSET_ID + ".jar";

    @TempDir
    static Path directory;

    private static Path eventLog;
    private static CloudAssembly assembly;
    private static Twin twin;
    private static StackRecord stack;
    private static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void deploySample() throws Exception {
        eventLog = directory.resolve("events.log");
        Path cdkOut = Files.createDirectories(directory.resolve("cdk.out"));
        for (String file : List.of("manifest.json", "TwinSample.template.json", "TwinSample.assets.json")) {
            String text = Files.readString(Path.of(TwinTest.class
                    .getResource("/cloudformation/sample-assembly/" + file)
                    .toURI()));
            Files.writeString(cdkOut.resolve(file), text.replace("@EVENT_LOG@", eventLog.toString()));
        }
        Files.copy(HandlerJar.build(directory.resolve("fixture")), cdkOut.resolve(ASSET));
        assembly = CloudAssembly.read(cdkOut);
        twin = startTwin();
        stack = twin.deploy(assembly, null, Map.of());
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @Test
    @Order(1)
    void deploy_shouldCreateTheSampleStackOnTheServices() {
        // THEN
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs()).containsEntry("ThingArn", "arn:thing:TwinSample-x");
        String bucket = stack.outputs().get("BucketName");
        try (S3Client s3 = s3();
                DynamoDbClient dynamoDb = dynamoDb();
                SqsClient sqs = sqs()) {
            assertThat(s3.headBucket(b -> b.bucket(bucket)).sdkHttpResponse().isSuccessful())
                    .isTrue();
            assertThat(s3.getBucketVersioning(b -> b.bucket(bucket)).status())
                    .isEqualTo(BucketVersioningStatus.ENABLED);
            DeployedResource queue = stack.resourcesOfType("AWS::SQS::Queue").get(0);
            assertThat(sqs.getQueueAttributes(
                                    b -> b.queueUrl(queue.physicalId()).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN))
                    .as("the queue ARN SQS reports and the one Fn::GetAtt gave the template")
                    .isEqualTo(queue.attributes().get("Arn").asText())
                    .contains(":000000000000:");
            String table = stack.resourcesOfType("AWS::DynamoDB::Table").get(0).physicalId();
            assertThat(dynamoDb.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes())
                    .extracting(index -> index.indexName())
                    .containsExactly("gsi1");
            assertThat(dynamoDb.describeTimeToLive(b -> b.tableName(table))
                            .timeToLiveDescription()
                            .timeToLiveStatus())
                    .isEqualTo(TimeToLiveStatus.ENABLED);
        }
        assertThat(twin.notifications().configuration(bucket)).hasSize(2);
    }

    @Test
    @Order(2)
    void putObject_shouldDeliverS3EventJsonToTheFunction_whenTheKeyMatchesThePrefix() throws Exception {
        // GIVEN
        String bucket = stack.outputs().get("BucketName");

        // WHEN
        String versionId;
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(bucket).key("other/not-notified.jpg"), RequestBody.fromString("x"));
            versionId = s3.putObject(
                            b -> b.bucket(bucket).key("enroll/red flower+1.jpg"), RequestBody.fromString("12345"))
                    .versionId();
        }

        // THEN
        JsonNode record = awaitEvent("enroll/red+flower%2B1.jpg").get("Records").get(0);
        assertThat(record.get("eventVersion").asText()).isEqualTo("2.1");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.at("/s3/bucket/name").asText()).isEqualTo(bucket);
        assertThat(record.at("/s3/object/size").asLong()).isEqualTo(5);
        assertThat(record.at("/s3/object/eTag").asText()).isEqualTo("827ccb0eea8a706c4c34a16891f84e7b");
        assertThat(record.at("/s3/object/sequencer").asText()).matches("[0-9A-F]+");
        assertThat(record.at("/s3/object/versionId").asText()).isNotEmpty().isEqualTo(versionId);
        assertThat(awaitEvent("s3:TestEvent").get("Bucket").asText()).isEqualTo(bucket);
        assertThat(Files.readString(eventLog)).doesNotContain("not-notified");
    }

    @Test
    @Order(3)
    void deleteObject_shouldDeliverADeleteMarkerEvent_whenTheSuffixMatchesInTheVersionedBucket() throws Exception {
        // WHEN
        String markerVersion;
        try (S3Client s3 = s3()) {
            markerVersion = s3.deleteObject(
                            b -> b.bucket(stack.outputs().get("BucketName")).key("enroll/red flower+1.jpg"))
                    .versionId();
        }

        // THEN
        JsonNode record = awaitEvent("ObjectRemoved").get("Records").get(0);
        assertThat(record.at("/s3/object/key").asText()).isEqualTo("enroll/red+flower%2B1.jpg");
        assertThat(record.get("eventName").asText()).isEqualTo("ObjectRemoved:DeleteMarkerCreated");
        assertThat(record.at("/s3/object/versionId").asText()).isNotEmpty().isEqualTo(markerVersion);
    }

    @Test
    @Order(4)
    void failingEvent_shouldLandInTheOnFailureQueue_whenTheRetryFailsToo() throws Exception {
        // WHEN
        try (S3Client s3 = s3()) {
            s3.putObject(
                    b -> b.bucket(stack.outputs().get("BucketName")).key("enroll/fail.jpg"),
                    RequestBody.fromString("boom"));
        }

        // THEN
        String queueUrl = stack.resourcesOfType("AWS::SQS::Queue").get(0).physicalId();
        try (SqsClient sqs = SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1")) {
            List<Message> messages = sqs.receiveMessage(
                            b -> b.queueUrl(queueUrl).waitTimeSeconds(20))
                    .messages();
            assertThat(messages).hasSize(1);
            JsonNode failure = JSON.readTree(messages.get(0).body());
            assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(failure.at("/requestContext/approximateInvokeCount").asInt())
                    .isEqualTo(2);
            assertThat(failure.at("/requestPayload/Records/0/s3/object/key").asText())
                    .isEqualTo("enroll/fail.jpg");
            assertThat(failure.at("/responsePayload/errorMessage").asText()).isEqualTo("asked to fail");
        }
    }

    @Test
    @Order(5)
    void start_shouldFindEverythingAsItWas_whenTheTwinRestarts() throws Exception {
        // GIVEN
        String bucket = stack.outputs().get("BucketName");
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(bucket).key("kept/before-restart.txt"), RequestBody.fromString("kept"));
        }
        twin.close();
        progress.clear();

        // WHEN
        twin = startTwin();
        StackRecord again = twin.deploy(assembly, null, Map.of());

        // THEN
        assertThat(progress).noneMatch(line -> line.matches("(CREATE|UPDATE|DELETE|REPLACE) .*"));
        assertThat(again.outputs()).isEqualTo(stack.outputs());
        DeployedResource queue = again.resourcesOfType("AWS::SQS::Queue").get(0);
        assertThat(queue.physicalId())
                .as("the queue URL names this run's SQS server")
                .startsWith(twin.endpoints().get("AWS_ENDPOINT_URL_SQS"))
                .isEqualTo(queue.attributes().get("QueueUrl").asText());
        try (S3Client s3 = s3()) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("kept/before-restart.txt"))
                            .asUtf8String())
                    .isEqualTo("kept");
            s3.putObject(b -> b.bucket(bucket).key("enroll/after-restart.jpg"), RequestBody.fromString("again"));
        }
        assertThat(awaitEvent("after-restart").at("/Records/0/eventName").asText())
                .isEqualTo("ObjectCreated:Put");
    }

    @Test
    @Order(6)
    void deploy_shouldFillTheAssetParameters_whenTheStackComesFromCdksLegacySynthesizer() throws Exception {
        // GIVEN a cloud assembly whose template takes its function's code location as AssetParameters... parameters
        Path cdkOut = Files.createDirectories(directory.resolve("legacy-cdk.out"));
        for (String file : List.of("manifest.json", "LegacySample.template.json", "LegacySample.metadata.json")) {
            Files.copy(
                    Path.of(TwinTest.class
                            .getResource("/cloudformation/legacy-assembly/" + file)
                            .toURI()),
                    cdkOut.resolve(file));
        }
        Files.copy(HandlerJar.build(directory.resolve("legacy-fixture")), cdkOut.resolve(LEGACY_ASSET));

        // WHEN
        StackRecord legacy = twin.deploy(CloudAssembly.read(cdkOut), "LegacySample", Map.of());

        // THEN
        assertThat(legacy.parameters())
                .containsValues("cdk-twin-assets", "assets/||" + LEGACY_ASSET_ID + ".jar", LEGACY_ASSET_ID);
        String function = legacy.outputs().get("FunctionName");
        assertThat(twin.lambda().function(function).orElseThrow().environment()).containsEntry("GREETING", "legacy");
        JsonNode answer = JSON.readTree(twin.lambda()
                .invoke(function, "{\"action\":\"echo\"}".getBytes(UTF_8))
                .payload());
        assertThat(answer.path("greeting").asText()).isEqualTo("legacy");
        assertThat(answer.path("maxHeapMb").asLong()).isBetween(200L, 256L);
    }

    @Test
    @Order(7)
    void putEvents_shouldInvokeTheFunction_whenARuleOnTheTwinsEventBridgeMatches() throws Exception {
        // GIVEN a rule on the default bus with the sample's event-logging function as its target
        String functionArn =
                stack.resource("Echo11F3FB29").attributes().get("Arn").asText();
        twin.events()
                .putRule(new EventRule(
                        "watch-list",
                        EventsService.DEFAULT_BUS,
                        "{\"source\": [\"facerec\"], \"detail\": {\"watch\": [{\"prefix\": \"list-\"}]}}",
                        null,
                        true,
                        List.of(new RuleTarget("fn", functionArn, null, null))));

        // WHEN
        try (EventBridgeClient events = ServiceClients.eventBridge(
                URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_EVENTBRIDGE")), "us-east-1")) {
            events.putEvents(b -> b.entries(
                    e -> e.source("facerec").detailType("Recognition Finished").detail("{\"watch\": \"list-7\"}")));
        }

        // THEN
        JsonNode event = awaitEvent("list-7");
        assertThat(event.get("detail-type").asText()).isEqualTo("Recognition Finished");
        assertThat(event.get("source").asText()).isEqualTo("facerec");
        assertThat(event.at("/detail/watch").asText()).isEqualTo("list-7");
    }

    private static Twin startTwin() {
        return Twin.start(
                TwinSettings.defaults(directory.resolve("data"))
                        .withRetryDelays(Duration.ofMillis(100), Duration.ofMillis(200)),
                progress::add);
    }

    private static JsonNode awaitEvent(String containing) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line =
                    lines().stream().filter(l -> l.contains(containing)).findFirst();
            if (line.isPresent()) {
                return JSON.readTree(line.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no event containing " + containing + " arrived; events: " + lines());
    }

    private static List<String> lines() throws IOException {
        return Files.exists(eventLog) ? Files.readAllLines(eventLog) : List.of();
    }

    private static S3Client s3() {
        return ServiceClients.s3(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_S3")), "us-east-1");
    }

    private static SqsClient sqs() {
        return SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1");
    }

    private static DynamoDbClient dynamoDb() {
        return ServiceClients.dynamoDb(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_DYNAMODB")), "us-east-1");
    }
}
