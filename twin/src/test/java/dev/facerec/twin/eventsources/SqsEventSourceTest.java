package dev.facerec.twin.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.DeploymentException;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.lambda.HandlerJar;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * S3 → SQS → Lambda on one twin (see {@code cloudformation/sqs-assembly/README.md}): S3 notifications to a queue
 * whose policy S3 checks, event source mappings polling ElasticMQ and invoking the fixture's queue handler in its own
 * JVM, partial batch responses, redelivery after the visibility timeout, the dead-letter queue, the mapping's
 * maximum concurrency, and pollers that stop with the stack and the twin.
 */
@TestMethodOrder(OrderAnnotation.class)
class SqsEventSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static EventLog eventLog;
    private static EventLog batchLog;
    private static CloudAssembly assembly;
    private static Twin twin;
    private static StackRecord stack;

    @BeforeAll
    static void deploy() throws Exception {
        eventLog = new EventLog(directory.resolve("events.log"));
        batchLog = new EventLog(directory.resolve("batches.log"));
        Path cdkOut = Files.createDirectories(directory.resolve("cdk.out"));
        for (String file : List.of(
                "manifest.json",
                "SqsSample.assets.json",
                "SqsSample.template.json",
                "NoPolicy.template.json",
                "ShortVisibility.template.json",
                "KmsSample.template.json")) {
            String text = Files.readString(Path.of(SqsEventSourceTest.class
                    .getResource("/cloudformation/sqs-assembly/" + file)
                    .toURI()));
            Files.writeString(
                    cdkOut.resolve(file),
                    text.replace("@EVENT_LOG@", eventLog.file().toString())
                            .replace("@BATCH_LOG@", batchLog.file().toString())
                            .replace(
                                    "@RUNNING_DIR@",
                                    directory.resolve("running").toString()));
        }
        Files.copy(HandlerJar.build(directory.resolve("fixture")), cdkOut.resolve("asset.fixture.jar"));
        assembly = CloudAssembly.read(cdkOut);
        twin = startTwin();
        stack = twin.deploy(assembly, "SqsSample", Map.of());
    }

    @AfterAll
    static void stopTwin() {
        twin.close();
    }

    @Test
    @Order(1)
    void putObject_shouldReachTheFunctionThroughTheQueue_afterTheTestEvent() throws Exception {
        // WHEN
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(bucket()).key("other/not-notified.jpg"), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket(bucket()).key("in/red flower.jpg"), RequestBody.fromString("12345"));
        }

        // THEN the queue got S3's test event first, then one message with one record per object
        JsonNode testEvent =
                body(eventLog.awaitRecord(r -> r.path("body").asText().contains("s3:TestEvent")));
        assertThat(testEvent.path("Bucket").asText()).isEqualTo(bucket());
        JsonNode record = eventLog.awaitRecord(r -> r.path("body").asText().contains("red+flower"));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(queueArn("Uploads"));
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("md5OfBody").asText()).matches("[0-9a-f]{32}");
        assertThat(record.path("receiptHandle").asText()).isNotEmpty();
        assertThat(record.path("attributes").path("ApproximateReceiveCount").asText())
                .isEqualTo("1");
        assertThat(record.path("attributes").path("SentTimestamp").asText()).matches("\\d+");
        assertThat(record.path("attributes")
                        .path("ApproximateFirstReceiveTimestamp")
                        .asText())
                .matches("\\d+");
        assertThat(record.path("attributes").has("SenderId")).isTrue();
        JsonNode s3Event = body(record);
        assertThat(s3Event.path("Records")).hasSize(1);
        assertThat(s3Event.at("/Records/0/eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(s3Event.at("/Records/0/s3/object/key").asText()).isEqualTo("in/red+flower.jpg");
        assertThat(s3Event.at("/Records/0/s3/object/size").asLong()).isEqualTo(5);
        assertThat(eventLog.text()).doesNotContain("not-notified");
    }

    @Test
    @Order(2)
    void deploy_shouldFailWithS3sError_whenTheQueuePolicyDoesNotLetS3Send() {
        assertThatThrownBy(() -> twin.deploy(assembly, "NoPolicy", Map.of()))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("Notifications")
                .hasMessageContaining("InvalidArgument: Unable to validate the following destination configurations")
                .hasMessageContaining("Permissions on the destination queue do not allow S3 to publish notifications "
                        + "from this bucket");
    }

    @Test
    @Order(3)
    void deploy_shouldFailWithLambdasError_whenTheQueuesVisibilityTimeoutIsShorterThanTheFunctionsTimeout() {
        assertThatThrownBy(() -> twin.deploy(assembly, "ShortVisibility", Map.of()))
                .isInstanceOf(DeploymentException.class)
                .hasMessageContaining("JobsMapping")
                .hasMessageContaining("Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds");
    }

    @Test
    @Order(4)
    void batchItemFailure_shouldBeDeliveredAgainAlone_andEndInTheDeadLetterQueue() throws Exception {
        // WHEN one batch holds a message the function reports as failed and one it processed
        try (SqsClient sqs = sqs()) {
            sqs.sendMessageBatch(b -> b.queueUrl(stack.outputs().get("BatchesUrl"))
                    .entries(
                            SendMessageBatchRequestEntry.builder()
                                    .id("a")
                                    .messageBody("fine-1")
                                    .build(),
                            SendMessageBatchRequestEntry.builder()
                                    .id("b")
                                    .messageBody("partial-1")
                                    .build()));

            // THEN the reported message comes back (receive count 2) and, after maxReceiveCount 2, is dead-lettered
            JsonNode first = batchLog.awaitInvocation(e -> e.toString().contains("partial-1"));
            assertThat(first.path("Records")).hasSize(2);
            batchLog.awaitRecord(r -> r.path("body").asText().equals("partial-1")
                    && r.at("/attributes/ApproximateReceiveCount").asText().equals("2"));
            Message dead = awaitMessage(sqs, stack.outputs().get("DeadLettersUrl"), "partial-1");
            assertThat(dead.attributesAsStrings()).containsEntry("DeadLetterQueueSourceArn", queueArn("Batches"));
            assertThat(batchLog.records(r -> r.path("body").asText().equals("fine-1")))
                    .as("the processed message of the batch was deleted, never delivered again")
                    .hasSize(1);
        }
    }

    @Test
    @Order(5)
    void invalidBatchResponse_shouldFailTheWholeBatch() throws Exception {
        // WHEN the function names a message that is not in its batch
        try (SqsClient sqs = sqs()) {
            sqs.sendMessage(b -> b.queueUrl(stack.outputs().get("BatchesUrl")).messageBody("invalid-response-1"));

            // THEN
            batchLog.awaitRecord(r -> r.path("body").asText().equals("invalid-response-1")
                    && r.at("/attributes/ApproximateReceiveCount").asText().equals("2"));
            awaitMessage(sqs, stack.outputs().get("DeadLettersUrl"), "invalid-response-1");
        }
    }

    @Test
    @Order(6)
    void functionError_shouldLeaveTheMessageToReappearAfterTheVisibilityTimeout_thenDeadLetterIt() throws Exception {
        // WHEN the function fails on an uploaded object's event
        try (S3Client s3 = s3();
                SqsClient sqs = sqs()) {
            s3.putObject(b -> b.bucket(bucket()).key("in/boom.jpg"), RequestBody.fromString("x"));

            // THEN
            eventLog.awaitRecord(r -> r.path("body").asText().contains("in/boom.jpg")
                    && r.at("/attributes/ApproximateReceiveCount").asText().equals("2"));
            Message dead = awaitMessage(sqs, stack.outputs().get("DeadLettersUrl"), "in/boom.jpg");
            assertThat(JSON.readTree(dead.body()).at("/Records/0/eventName").asText())
                    .isEqualTo("ObjectCreated:Put");
        }
        assertThat(eventLog.records(r -> r.path("body").asText().contains("in/boom.jpg")))
                .hasSize(2);
    }

    @Test
    @Order(7)
    void maximumConcurrency_shouldCapConcurrentInvocations_belowTheFunctionsOwnCap() throws Exception {
        // GIVEN a function that may run 4 at once, behind a mapping with MaximumConcurrency 2
        String mapping = stack.outputs().get("UploadsMappingId");
        assertThat(twin.lambda().concurrency(stack.resource("Consumer").physicalId()))
                .isEqualTo(4);

        // WHEN six slow messages wait in the queue
        try (SqsClient sqs = sqs()) {
            for (int i = 0; i < 6; i++) {
                String body = "slow-" + i;
                sqs.sendMessage(
                        b -> b.queueUrl(stack.outputs().get("UploadsUrl")).messageBody(body));
            }
        }

        // THEN two invocations overlapped, and never more
        eventLog.awaitLines(line -> line.startsWith("running"), 6);
        List<Integer> running = eventLog.lines().stream()
                .filter(line -> line.startsWith("running"))
                .map(line ->
                        Integer.parseInt(line.substring("running ".length()).trim()))
                .toList();
        assertThat(twin.eventSourceMappings().pollerConcurrency(mapping)).isEqualTo(2);
        assertThat(running).hasSize(6).allMatch(n -> n <= 2).contains(2);
    }

    @Test
    @Order(8)
    void deploy_shouldRunAStackUnderACustomerManagedKey_recordingTheKey() throws Exception {
        // GIVEN a stack whose key encrypts the bucket (SSE-KMS, bucket key), the table, the queues and the log group
        StackRecord sealed = twin.deploy(assembly, "KmsSample", Map.of());
        String keyArn = sealed.outputs().get("KeyArn");
        assertThat(keyArn).matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
        assertThat(sealed.resource("KeyAlias").physicalId()).isEqualTo("alias/kms-sample");

        // WHEN a photo is uploaded as the pipeline's clients do: no encryption header, the bucket's default applies
        String bucket = sealed.outputs().get("BucketName");
        try (S3Client s3 = s3()) {
            s3.putObject(b -> b.bucket(bucket).key("in/sealed.jpg"), RequestBody.fromString("sealed"));

            // THEN it reads back, and its event reaches the function through the key-encrypted queue
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("in/sealed.jpg"))
                            .asUtf8String())
                    .isEqualTo("sealed");
            JsonNode record = eventLog.awaitRecord(r -> r.path("body").asText().contains("in/sealed.jpg"));
            assertThat(record.path("eventSourceARN").asText())
                    .isEqualTo(sealed.resource("Sealed").attributes().get("Arn").asText());

            // AND the table under the key takes and returns items
            try (DynamoDbClient dynamoDb = ServiceClients.dynamoDb(
                    URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_DYNAMODB")), "us-east-1")) {
                String table = sealed.outputs().get("TableName");
                Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("sealed"));
                dynamoDb.putItem(b -> b.tableName(table).item(item));
                assertThat(dynamoDb.getItem(b -> b.tableName(table).key(item)).item())
                        .isEqualTo(item);
            }

            // AND a request that names SSE-KMS itself is refused (s3proxy implements no server-side encryption)
            assertThatThrownBy(() -> s3.putObject(
                            b -> b.bucket(bucket)
                                    .key("in/headers.jpg")
                                    .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                                    .ssekmsKeyId(keyArn),
                            RequestBody.fromString("x")))
                    .isInstanceOf(S3Exception.class)
                    .hasMessageContaining("Status Code: 501");
            s3.deleteObject(b -> b.bucket(bucket).key("in/sealed.jpg"));
        } finally {
            twin.destroy("KmsSample");
        }
    }

    @Test
    @Order(9)
    void pollers_shouldStopWithTheTwinAndStartAgainWithIt() throws Exception {
        // WHEN
        twin.close();

        // THEN
        assertThat(pollerThreads()).isEmpty();

        // WHEN
        twin = startTwin();
        twin.deploy(assembly, "SqsSample", Map.of());
        try (SqsClient sqs = sqs()) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl("Uploads")).messageBody("after-restart"));
        }

        // THEN
        eventLog.awaitRecord(r -> r.path("body").asText().equals("after-restart"));
    }

    @Test
    @Order(10)
    void destroy_shouldStopThePollers() throws Exception {
        // GIVEN an empty bucket, as CloudFormation requires
        try (S3Client s3 = s3()) {
            s3.listObjectVersions(b -> b.bucket(bucket()))
                    .versions()
                    .forEach(v ->
                            s3.deleteObject(b -> b.bucket(bucket()).key(v.key()).versionId(v.versionId())));
        }

        // WHEN
        twin.destroy("SqsSample");

        // THEN
        assertThat(pollerThreads()).isEmpty();
        assertThat(twin.eventSourceMappings().mapping(stack.outputs().get("UploadsMappingId")))
                .isEmpty();
    }

    private static Twin startTwin() {
        return Twin.start(TwinSettings.defaults(directory.resolve("data")), line -> {});
    }

    private static List<Thread> pollerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("sqs-poller-") && thread.isAlive())
                .toList();
    }

    private static String bucket() {
        return stack.outputs().get("BucketName");
    }

    private static String queueArn(String logicalId) {
        return stack.resource(logicalId).attributes().get("Arn").asText();
    }

    /** The queue's URL on this run's SQS server (the port changes with a restart). */
    private static String queueUrl(String logicalId) {
        try (SqsClient sqs = sqs()) {
            String name =
                    stack.resource(logicalId).attributes().get("QueueName").asText();
            return sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        }
    }

    private static JsonNode body(JsonNode record) throws IOException {
        return JSON.readTree(record.path("body").asText());
    }

    private static Message awaitMessage(SqsClient sqs, String queueUrl, String containing) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageSystemAttributeNamesWithStrings("All"))
                    .messages()) {
                if (message.body().contains(containing)) {
                    return message;
                }
            }
        }
        throw new AssertionError("no message containing " + containing + " arrived in " + queueUrl);
    }

    private static S3Client s3() {
        return ServiceClients.s3(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_S3")), "us-east-1");
    }

    private static SqsClient sqs() {
        return SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1");
    }
}
