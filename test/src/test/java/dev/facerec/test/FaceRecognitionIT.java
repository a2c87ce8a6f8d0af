package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.twin.Twin;
import dev.facerec.twin.TwinSettings;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.notifications.NotificationTarget;
import dev.facerec.twin.notifications.S3EventMessage;
import dev.facerec.twin.s3.ObjectChange;
import dev.facerec.twin.sqs.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The product end to end: the real app synthesized, deployed on the offline twin with the real function jars (each
 * in its own JVM through the Lambda runtime interface client), the local face engine behind Rekognition, and
 * people enrolled and recognised by uploading photos to the bucket.
 */
@TestMethodOrder(OrderAnnotation.class)
class FaceRecognitionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GROUP = 5;

    @TempDir
    static Path directory;

    private static CloudAssembly assembly;
    private static Twin twin;
    private static StackRecord stack;
    private static Pipeline pipeline;
    private static byte[] group;
    private static final List<Enrolled> people = new ArrayList<>();

    /** A person enrolled from a crop of the group photo, and where their face is in that photo. */
    private record Enrolled(String personId, String key, BoundingBox box) {}

    @BeforeAll
    static void synthesizeAndDeploy() throws Exception {
        assembly = CloudAssembly.read(AppSynthesizer.sharedAssembly());
        long start = System.nanoTime();
        twin = startTwin();
        stack = twin.deploy(assembly, null, Map.of());
        System.out.printf(
                "cold up (start the services and deploy the stack) in %.1f s%n", (System.nanoTime() - start) / 1e9);
        pipeline = new Pipeline(twin, stack.outputs());
        group = GroupPhotos.read(GroupPhotos.sample(GROUP));
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        long start = System.nanoTime();
        twin.close();
        System.out.printf("stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    @Order(0)
    void deploy_shouldGiveTheCollectionTheArnTheRolesArePermittedOn() {
        // GIVEN the collection ARN as Rekognition reports it, and as the template builds it from AWS::AccountId
        String described = pipeline.rekognition()
                .describeCollection(b -> b.collectionId(pipeline.collectionId()))
                .collectionARN();
        List<String> permitted = new ArrayList<>();
        stack.resourcesOfType("AWS::IAM::Policy")
                .forEach(policy -> policy.properties()
                        .at("/PolicyDocument/Statement")
                        .forEach(statement -> {
                            if (statement.path("Action").toString().contains("rekognition:IndexFaces")) {
                                permitted.add(statement.path("Resource").asText());
                            }
                        }));

        // THEN the custom resource's Arn (from the collection Lambda's answer), Rekognition and IAM agree
        assertThat(described)
                .isEqualTo("arn:aws:rekognition:us-east-1:000000000000:collection/"
                        + stack.outputs().get("CollectionId"));
        assertThat(stack.outputs().get("CollectionId")).matches("FaceRecognition-Faces-Collection-[A-F0-9]{8}");
        assertThat(stack.outputs().get("CollectionArn")).isEqualTo(described);
        assertThat(permitted).containsExactly(described);
    }

    @Test
    @Order(1)
    void groupPhoto_shouldBeRecognised_whenEveryoneInItIsEnrolled() throws Exception {
        // GIVEN everyone in the group photo enrolled from a crop of their face, each as a person of their own
        List<FaceDetail> faces = pipeline.detectFaces(group);
        assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < faces.size(); i++) {
            String personId = "person-" + i;
            String key = stack.outputs().get("EnrollPrefix") + personId + "/face.jpg";
            pipeline.recordConsent(personId);
            pipeline.upload(
                    key, GroupPhotos.crop(group, faces.get(i).boundingBox(), 0.5f), Map.of("name", "Person " + i));
            people.add(new Enrolled(personId, key, faces.get(i).boundingBox()));
        }
        for (Enrolled person : people) {
            assertThat(Pipeline.text(pipeline.awaitStatus(person.key(), "INDEXED", "REJECTED"), "status"))
                    .as(person.key())
                    .isEqualTo("INDEXED");
        }

        // WHEN the group photo is uploaded under a key with spaces, a '+' and non-ASCII letters (URL-encoded in the
        // S3 event, decoded by the runtime's event library)
        String key = stack.outputs().get("RecognizePrefix") + "summer + Zoë/group photo.jpg";
        String versionId = pipeline.s3()
                .putObject(b -> b.bucket(pipeline.bucket()).key(key), RequestBody.fromBytes(group))
                .versionId();
        Map<String, AttributeValue> status = pipeline.awaitStatus(key, "RECOGNIZED", "REJECTED");

        // THEN
        assertThat(Pipeline.text(status, "status")).isEqualTo("RECOGNIZED");
        List<String> personIds = people.stream().map(Enrolled::personId).toList();
        assertThat(pipeline.people()).containsExactlyInAnyOrderElementsOf(personIds);
        Map<String, AttributeValue> resultRow = pipeline.objectRow(key, "RESULT");
        assertThat(resultRow.get("personIds").l())
                .extracting(AttributeValue::s)
                .containsExactlyInAnyOrderElementsOf(personIds);
        assertThat(Pipeline.text(resultRow, "identifiedCount")).isEqualTo(Integer.toString(faces.size()));
        assertThat(versionId).as("the bucket is versioned").isNotNull();
        assertThat(Pipeline.text(resultRow, "sourceVersionId")).isEqualTo(versionId);
        String resultKey = Pipeline.text(status, "resultKey");
        assertThat(resultKey).isEqualTo(stack.outputs().get("ResultsPrefix") + "summer + Zoë/group photo.jpg.json");
        JsonNode result = JSON.readTree(pipeline.s3()
                .getObjectAsBytes(b -> b.bucket(pipeline.bucket()).key(resultKey))
                .asByteArray());
        assertThat(result.path("faces")).hasSize(faces.size());
        for (Enrolled person : people) {
            JsonNode face = nearest(result.path("faces"), person.box());
            assertThat(face.at("/identity/personId").asText())
                    .as("the face of " + person.personId())
                    .isEqualTo(person.personId());
            assertThat(face.at("/identity/name").asText())
                    .isEqualTo("Person " + person.personId().substring(7));
        }

        // AND a key that a file path would normalize is a key: its result goes under the key S3 gives it
        String dotted = stack.outputs().get("RecognizePrefix") + "bad/../../x.jpg";
        pipeline.upload(dotted, group, Map.of());
        Map<String, AttributeValue> dottedStatus = pipeline.awaitStatus(dotted, "RECOGNIZED", "REJECTED");
        assertThat(Pipeline.text(dottedStatus, "resultKey"))
                .isEqualTo(stack.outputs().get("ResultsPrefix") + "bad/../../x.jpg.json");
        assertThat(JSON.readTree(pipeline.s3()
                                .getObjectAsBytes(
                                        b -> b.bucket(pipeline.bucket()).key(Pipeline.text(dottedStatus, "resultKey")))
                                .asByteArray())
                        .path("faces"))
                .hasSize(faces.size());
    }

    @Test
    @Order(2)
    void duplicateNotifications_shouldLeaveOneSetOfRows() throws Exception {
        // GIVEN the event that enrolled person-0
        Enrolled person = people.get(0);
        Map<String, AttributeValue> status = pipeline.statusRow(person.key());
        var head = pipeline.s3().headObject(b -> b.bucket(pipeline.bucket()).key(person.key()));
        ObjectChange change = new ObjectChange(
                "ObjectCreated:Put",
                pipeline.bucket(),
                person.key(),
                head.contentLength(),
                head.eTag().replace("\"", ""),
                head.versionId(),
                Pipeline.text(status, "seq"));
        NotificationTarget target = twin.notifications().targets(pipeline.bucket()).all().stream()
                .filter(t -> t.matches("ObjectCreated:Put", person.key()))
                .findFirst()
                .orElseThrow();
        String event = S3EventMessage.of(change, target, "us-east-1");
        List<String> facesBefore = pipeline.collectionFaceIds();
        String queueUrl = stack.outputs().get("IndexQueueUrl");

        // WHEN S3 delivers it twice more to the enrolment queue (at least once, as S3 may)
        try (SqsClient sqs = sqsClient()) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(event));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(event));
            awaitEmpty(sqs, queueUrl);
        }

        // THEN
        assertThat(pipeline.faceRows(person.personId())).hasSize(1);
        assertThat(pipeline.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(Pipeline.text(pipeline.statusRow(person.key()), "status")).isEqualTo("INDEXED");
    }

    @Test
    @Order(3)
    void badInputs_shouldEndInRejectedRowsWithTheirReasons() throws Exception {
        // GIVEN bad photos of people who consented
        String prefix = stack.outputs().get("EnrollPrefix");
        Map<String, byte[]> uploads = Map.of(
                prefix + "text-person/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8),
                prefix + "tiny-person/tiny.png", GroupPhotos.blank(50, 50),
                prefix + "crowd-person/group.jpg", group,
                prefix + "bad id!/photo.jpg",
                        GroupPhotos.crop(group, people.get(1).box(), 0.5f),
                prefix + "/photo.jpg", GroupPhotos.crop(group, people.get(1).box(), 0.5f),
                prefix + "folder-person/", GroupPhotos.crop(group, people.get(1).box(), 0.5f));
        Map<String, String> expected = Map.of(
                prefix + "text-person/notes.jpg", "NOT_AN_IMAGE",
                prefix + "tiny-person/tiny.png", "TOO_SMALL",
                prefix + "crowd-person/group.jpg", "MULTIPLE_FACES",
                prefix + "bad id!/photo.jpg", "INVALID_KEY",
                prefix + "/photo.jpg", "INVALID_KEY",
                prefix + "folder-person/", "INVALID_KEY");

        List.of("text-person", "tiny-person", "crowd-person").forEach(pipeline::recordConsent);

        // WHEN
        uploads.forEach((key, bytes) -> pipeline.upload(key, bytes, Map.of()));

        // THEN
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            Map<String, AttributeValue> status = pipeline.awaitStatus(entry.getKey(), "REJECTED", "INDEXED");
            assertThat(Pipeline.text(status, "status")).as(entry.getKey()).isEqualTo("REJECTED");
            assertThat(Pipeline.text(status, "reason")).as(entry.getKey()).isEqualTo(entry.getValue());
        }
        assertThat(pipeline.people()).doesNotContain("text-person", "tiny-person", "crowd-person", "folder-person");
        // AND the photos under keys with an empty segment or a trailing "/" are kept under exactly those keys
        for (String key : List.of(prefix + "/photo.jpg", prefix + "folder-person/")) {
            assertThat(pipeline.s3()
                            .getObjectAsBytes(b -> b.bucket(pipeline.bucket()).key(key))
                            .asByteArray())
                    .as(key)
                    .isEqualTo(uploads.get(key));
        }
    }

    @Test
    @Order(4)
    void retryableFaults_shouldBeRetriedFromTheQueueWithBackoff_andEndWithTheRow() throws Exception {
        // GIVEN Rekognition throttles, then fails with 500, the next IndexFaces calls: more than one invocation's SDK
        // attempts (3) absorb, so the message must come back from the queue
        twin.rekognition().faults().failNext("IndexFaces", 3, ErrorType.THROTTLING);
        twin.rekognition().faults().failNext("IndexFaces", 2, ErrorType.INTERNAL_SERVER_ERROR);
        String key = stack.outputs().get("EnrollPrefix") + "retried-person/face.jpg";

        pipeline.recordConsent("retried-person");

        // WHEN
        pipeline.upload(key, GroupPhotos.crop(group, people.get(2).box(), 0.5f), Map.of());

        // THEN the first invocation reported the message as failed, it came back after a backoff, and the face was
        // indexed once
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "REJECTED"), "status"))
                .isEqualTo("INDEXED");
        assertThat(twin.rekognition().faults().pending("IndexFaces")).isZero();
        assertThat(pipeline.faceRows("retried-person")).hasSize(1);
        // AND the runtime logged the retry as a JSON line (the function's LoggingConfig) with the request id, and
        // the backoff it put the message back with
        String object = "object=" + objectRef(pipeline.bucket(), key);
        List<JsonNode> retries = new ArrayList<>();
        List<String> backoffs = new ArrayList<>();
        for (String line : functionLog("IndexFunctionName")) {
            if (line.startsWith("{") && line.contains(object) && line.contains("outcome=RETRY")) {
                retries.add(JSON.readTree(line));
            }
            if (line.contains("outcome=BACKOFF seconds=")) {
                backoffs.add(JSON.readTree(line).path("message").asText());
            }
        }
        assertThat(retries).as("the enrolment function's log").isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("level").asText()).isEqualTo("WARN");
            assertThat(line.path("AWSRequestId").asText()).isNotBlank();
            assertThat(line.path("message").asText()).contains("error=");
        });
        assertThat(backoffs).isNotEmpty().allSatisfy(line -> assertThat(line).matches(".* seconds=[1-5]"));
    }

    @Test
    @Order(5)
    void eventQueues_shouldRedriveToTheDeadLetterQueue() throws Exception {
        try (SqsClient sqs = sqsClient()) {
            String deadLetterArn = sqs.getQueueAttributes(
                            b -> b.queueUrl(stack.outputs().get("DeadLetterQueueUrl"))
                                    .attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings()
                    .get("QueueArn");
            for (String queue : List.of("IndexQueueUrl", "RecognizeQueueUrl")) {
                JsonNode redrive = JSON.readTree(sqs.getQueueAttributes(
                                b -> b.queueUrl(stack.outputs().get(queue)).attributeNamesWithStrings("RedrivePolicy"))
                        .attributesAsStrings()
                        .get("RedrivePolicy"));
                assertThat(redrive.path("deadLetterTargetArn").asText())
                        .as(queue)
                        .isEqualTo(deadLetterArn);
                assertThat(redrive.path("maxReceiveCount").asInt()).as(queue).isEqualTo(10);
            }
        }
    }

    @Test
    @Order(6)
    void deletingAnEnrolmentPhoto_shouldRemoveItsFaces() throws Exception {
        // GIVEN
        Enrolled person = people.get(people.size() - 1);
        List<String> faceIds = pipeline.faceRows(person.personId()).stream()
                .map(row -> Pipeline.text(row, "sk").substring("FACE#".length()))
                .toList();
        assertThat(faceIds).hasSize(1);

        // WHEN
        pipeline.s3().deleteObject(b -> b.bucket(pipeline.bucket()).key(person.key()));

        // THEN
        Pipeline.await(
                "the faces of " + person.personId() + " to go",
                () -> pipeline.faceRows(person.personId()).isEmpty() ? Boolean.TRUE : null);
        assertThat(pipeline.collectionFaceIds()).doesNotContainAnyElementsOf(faceIds);
        assertThat(Pipeline.text(pipeline.awaitStatus(person.key(), "REMOVED"), "status"))
                .isEqualTo("REMOVED");
    }

    @Test
    @Order(7)
    void functionLogs_shouldNameNoPersonAndNoFace() throws Exception {
        // GIVEN every person id and face id the scenarios above used
        List<String> personIds =
                new ArrayList<>(people.stream().map(Enrolled::personId).toList());
        personIds.addAll(List.of("text-person", "tiny-person", "crowd-person", "retried-person"));
        List<String> faceIds = pipeline.collectionFaceIds();
        assertThat(faceIds).isNotEmpty();

        // WHEN
        List<String> logs = new ArrayList<>(functionLog("IndexFunctionName"));
        logs.addAll(functionLog("RecognizeFunctionName"));

        // THEN
        assertThat(logs).isNotEmpty();
        for (String line : logs) {
            assertThat(line).doesNotContain(personIds).doesNotContain(faceIds).doesNotContain("Person ");
        }
    }

    @Test
    @Order(8)
    void restart_shouldKeepEveryPersonFaceAndRow() throws Exception {
        // GIVEN
        List<String> peopleBefore = pipeline.people();
        List<String> facesBefore = pipeline.collectionFaceIds();
        pipeline.close();
        twin.close();

        // WHEN
        twin = startTwin();
        StackRecord again = twin.deploy(assembly, null, Map.of());
        pipeline = new Pipeline(twin, again.outputs());

        // THEN the same stack, but for the queues' URLs and the API's endpoint, which name this run's ports
        Map<String, String> same = new HashMap<>(again.outputs());
        Map<String, String> before = new HashMap<>(stack.outputs());
        List<String> queueUrls = new ArrayList<>();
        for (String queue : List.of("DeadLetterQueueUrl", "IndexQueueUrl", "RecognizeQueueUrl")) {
            queueUrls.add(same.remove(queue));
            before.remove(queue);
        }
        String api = same.remove("ApiEndpoint");
        assertThat(before.remove("ApiEndpoint")).isNotNull();
        assertThat(same).isEqualTo(before);
        assertThat(api).startsWith(twin.httpApis().endpoint().toString().replaceAll("/+$", "") + "/");
        assertThat(queueUrls)
                .allSatisfy(url -> assertThat(url).startsWith(twin.endpoints().get("AWS_ENDPOINT_URL_SQS") + "/"));
        assertThat(pipeline.people()).containsExactlyInAnyOrderElementsOf(peopleBefore);
        assertThat(pipeline.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        String key = stack.outputs().get("RecognizePrefix") + "after restart.jpg";
        pipeline.upload(key, group, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "RECOGNIZED", "REJECTED"), "status"))
                .isEqualTo("RECOGNIZED");
    }

    private static Twin startTwin() {
        return Twin.start(
                TwinSettings.defaults(directory.resolve("data"))
                        .withRetryDelays(Duration.ofMillis(200), Duration.ofMillis(400)),
                FaceRecognitionIT::progress);
    }

    private static void progress(String line) {
        System.out.printf("%tT.%<tL %s%n", System.currentTimeMillis(), line);
    }

    /** The lines of a function's log file (its "log group" on the twin), the function named by a stack output. */
    private static List<String> functionLog(String functionNameOutput) throws IOException {
        return Files.readAllLines(twin.lambda().logFile(stack.outputs().get(functionNameOutput)));
    }

    /** How the functions refer to an object in their logs: the first 16 hex digits of SHA-256(bucket/key). */
    private static String objectRef(String bucket, String key) throws NoSuchAlgorithmException {
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest((bucket + "/" + key).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    private static SqsClient sqsClient() {
        return SqsClients.create(URI.create(twin.endpoints().get("AWS_ENDPOINT_URL_SQS")), "us-east-1");
    }

    /** Waits until the queue holds no message, neither waiting nor in flight. */
    private static void awaitEmpty(SqsClient sqs, String queueUrl) throws InterruptedException {
        Pipeline.await("the messages of " + queueUrl, () -> {
            Map<String, String> counts = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                            .attributeNamesWithStrings(
                                    "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings();
            return counts.values().stream().allMatch("0"::equals) ? Boolean.TRUE : null;
        });
    }

    /** The result face whose box centre is nearest the given box's centre. */
    private static JsonNode nearest(JsonNode faces, BoundingBox box) {
        JsonNode best = null;
        double bestDistance = Double.MAX_VALUE;
        for (JsonNode face : faces) {
            JsonNode other = face.path("boundingBox");
            double dx =
                    other.path("left").asDouble() + other.path("width").asDouble() / 2 - box.left() - box.width() / 2;
            double dy =
                    other.path("top").asDouble() + other.path("height").asDouble() / 2 - box.top() - box.height() / 2;
            double distance = dx * dx + dy * dy;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = face;
            }
        }
        return best;
    }
}
