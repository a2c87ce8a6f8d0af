package dev.facerec.functions.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handler end to end: the real SDK Rekognition client against the local Rekognition server, and a real HTTP
 * PUT of the response to a local server playing the pre-signed URL.
 */
class CollectionResourceHandlerTest {

    private static final int PLENTY_OF_TIME = CustomResourceCalls.PLENTY_OF_TIME;

    private static CustomResourceCalls calls;
    private static LocalCollections rekognition;
    private static ResponseUrlServer cloudFormation;
    private static CollectionResourceHandler handler;

    @BeforeAll
    static void startServers() throws IOException {
        calls = new CustomResourceCalls();
        rekognition = calls.rekognition;
        cloudFormation = calls.cloudFormation;
        handler = calls.handler;
    }

    @AfterAll
    static void stopServers() {
        calls.close();
    }

    @BeforeEach
    void reset() {
        calls.reset();
    }

    @Test
    void handleRequest_shouldCreateCollectionAndAnswerSuccess_whenCreate() throws IOException {
        // WHEN
        invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN
        assertThat(rekognition.has("faces-1")).isTrue();
        ResponseUrlServer.Delivery answer = onlyAnswer();
        assertThat(answer.method()).isEqualTo("PUT");
        assertThat(answer.field("Status")).isEqualTo("SUCCESS");
        assertThat(answer.field("PhysicalResourceId")).isEqualTo("faces-1");
        assertThat(answer.field("RequestId")).isEqualTo("6c2b7e5e-create");
        assertThat(answer.field("LogicalResourceId")).isEqualTo("FacesCollection");
        assertThat(answer.field("StackId")).startsWith("arn:aws:cloudformation:us-east-1:000000000000:stack/");
        assertThat(answer.data())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Arn",
                        "arn:aws:rekognition:us-east-1:000000000000:collection/faces-1",
                        "FaceModelVersion",
                        LocalCollections.FACE_MODEL_VERSION));
    }

    @Test
    void handleRequest_shouldSendNoContentType_whenAnswering() throws IOException {
        // WHEN
        invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN the pre-signed URL is signed without a content type
        assertThat(onlyAnswer().headers().keySet()).noneMatch(name -> name.equalsIgnoreCase("Content-Type"));
    }

    @Test
    void handleRequest_shouldCreateNewCollectionAndKeepOldOne_whenUpdateChangesId() throws IOException {
        // GIVEN
        rekognition.add("faces-old");

        // WHEN
        invoke("update", Map.of("physicalId", "faces-old", "collectionId", "faces-new", "removalPolicy", "destroy"));

        // THEN the new id is the new physical id; the old collection is left to CloudFormation's Delete
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(onlyAnswer().field("PhysicalResourceId")).isEqualTo("faces-new");
        assertThat(rekognition.has("faces-new")).isTrue();
        assertThat(rekognition.has("faces-old")).isTrue();
    }

    @Test
    void handleRequest_shouldKeepTheCollectionAndRefreshItsTags_whenUpdateKeepsId() throws IOException {
        // GIVEN
        rekognition.add("faces-1");

        // WHEN
        invoke("update", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN
        assertThat(rekognition.calls()).isEqualTo(Map.of("DescribeCollection", 1, "TagResource", 1));
        assertThat(onlyAnswer().field("PhysicalResourceId")).isEqualTo("faces-1");
        assertThat(onlyAnswer().data()).containsKeys("Arn", "FaceModelVersion");
    }

    @Test
    void handleRequest_shouldDeleteCollection_whenDeleteUnderDestroy() throws IOException {
        // GIVEN a collection this resource created
        rekognition.addOwned("faces-1");

        // WHEN
        invoke("delete", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "destroy"));

        // THEN
        assertThat(rekognition.has("faces-1")).isFalse();
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(onlyAnswer().field("PhysicalResourceId")).isEqualTo("faces-1");
    }

    @Test
    void handleRequest_shouldKeepCollection_whenDeleteUnderRetain() throws IOException {
        // GIVEN
        rekognition.add("faces-1");

        // WHEN
        invoke("delete", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN
        assertThat(rekognition.calls()).isEmpty();
        assertThat(rekognition.has("faces-1")).isTrue();
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
    }

    @Test
    void handleRequest_shouldAnswerSuccess_whenDeleteFindsNoCollection() throws IOException {
        // WHEN
        invoke("delete", Map.of("physicalId", "faces-gone", "collectionId", "faces-gone", "removalPolicy", "destroy"));

        // THEN
        assertThat(rekognition.calls()).isEqualTo(Map.of("DescribeCollection", 1));
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
    }

    @Test
    void handleRequest_shouldAnswerFailedWithReason_whenRekognitionDeniesCreate() throws IOException {
        // GIVEN
        rekognition.faults().failNext("CreateCollection", 1, ErrorType.ACCESS_DENIED);

        // WHEN
        invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "destroy"));

        // THEN the physical id is no collection id, so the rollback's Delete touches nothing
        ResponseUrlServer.Delivery answer = onlyAnswer();
        assertThat(answer.field("Status")).isEqualTo("FAILED");
        assertThat(answer.field("Reason")).startsWith("AccessDeniedException: Injected fault: AccessDeniedException");
        assertThat(answer.field("PhysicalResourceId")).isEqualTo("create-failed:6c2b7e5e-create");
        assertThat(answer.data()).isEmpty();
    }

    @Test
    void handleRequest_shouldTouchNothing_whenDeletingAFailedCreate() throws IOException {
        // GIVEN
        rekognition.add("faces-1");

        // WHEN
        invoke(
                "delete",
                Map.of(
                        "physicalId",
                        "create-failed:6c2b7e5e-create",
                        "collectionId",
                        "faces-1",
                        "removalPolicy",
                        "destroy"));

        // THEN
        assertThat(rekognition.calls()).isEmpty();
        assertThat(rekognition.has("faces-1")).isTrue();
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
    }

    @Test
    void handleRequest_shouldAnswerFailed_whenDeleteIsDenied() throws IOException {
        // GIVEN
        rekognition.addOwned("faces-1");
        rekognition.faults().failNext("DeleteCollection", 1, ErrorType.ACCESS_DENIED);

        // WHEN
        invoke("delete", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "destroy"));

        // THEN
        assertThat(onlyAnswer().field("Status")).isEqualTo("FAILED");
        assertThat(onlyAnswer().field("PhysicalResourceId")).isEqualTo("faces-1");
        assertThat(rekognition.has("faces-1")).isTrue();
    }

    @Test
    void handleRequest_shouldAnswerFailed_whenCollectionIdIsInvalid() throws IOException {
        // WHEN
        invoke("create", Map.of("collectionId", "my faces/1", "removalPolicy", "retain"));

        // THEN
        assertThat(rekognition.calls()).isEmpty();
        assertThat(onlyAnswer().field("Status")).isEqualTo("FAILED");
        assertThat(onlyAnswer().field("Reason"))
                .isEqualTo("IllegalArgumentException: CollectionId must match [a-zA-Z0-9_.-]{1,255}, got 'my faces/1'");
    }

    @Test
    void handleRequest_shouldAnswerFailed_whenRemovalPolicyIsUnknown() throws IOException {
        // WHEN
        invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "snapshot"));

        // THEN
        assertThat(onlyAnswer().field("Reason"))
                .isEqualTo("IllegalArgumentException: RemovalPolicy must be 'retain' or 'destroy', got 'snapshot'");
    }

    @Test
    void handleRequest_shouldAnswerFailed_whenRequestTypeIsUnknown() throws IOException {
        // GIVEN
        String event = event("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"))
                .replace("\"Create\"", "\"Replace\"");

        // WHEN
        handler.handleRequest(stream(event), new ByteArrayOutputStream(), new TestContext(PLENTY_OF_TIME));

        // THEN
        assertThat(onlyAnswer().field("Status")).isEqualTo("FAILED");
        assertThat(onlyAnswer().field("Reason"))
                .isEqualTo("IllegalArgumentException: RequestType must be Create, Update or Delete, got 'Replace'");
    }

    @Test
    void handleRequest_shouldAnswerFailedInTimeAndStop_whenRekognitionIsTooSlow() throws Exception {
        // GIVEN 1.2 s left, of which 1 s is kept to answer, and Rekognition taking 1 s to describe
        rekognition.delayNextDescribe(Duration.ofSeconds(1));

        // WHEN
        invoke("create", Map.of("collectionId", "faces-slow", "removalPolicy", "destroy"), 1_200);

        // THEN the answer did not wait for Rekognition (which would have ended in SUCCESS)
        assertThat(onlyAnswer().field("Status")).isEqualTo("FAILED");
        assertThat(onlyAnswer().field("Reason"))
                .startsWith("Timed out: Rekognition did not answer within 200 ms. See the log stream 2025/01/01/");
        // AND the abandoned work does not go on to create a collection that the rollback would never delete
        Thread.sleep(1_500);
        assertThat(rekognition.calls()).isEqualTo(Map.of("DescribeCollection", 1));
        assertThat(rekognition.has("faces-slow")).isFalse();
    }

    @Test
    void handleRequest_shouldRetryTheAnswer_whenResponseUrlFailsOnce() throws IOException {
        // GIVEN
        cloudFormation.refuseNext(1, 503);

        // WHEN
        invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN
        assertThat(cloudFormation.deliveries())
                .hasSize(2)
                .allSatisfy(delivery -> assertThat(delivery.field("Status")).isEqualTo("SUCCESS"));
    }

    @Test
    void handleRequest_shouldThrow_whenAnswerCannotBeDelivered() {
        // GIVEN
        cloudFormation.refuseNext(3, 403);

        // WHEN / THEN the invocation fails, so that Lambda retries it
        assertThatThrownBy(() -> invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("after 3 attempts: HTTP 403");
        assertThat(cloudFormation.deliveries()).hasSize(3);
    }

    @Test
    void handleRequest_shouldLogAndReturn_whenEventIsNoCloudFormationRequest() {
        // GIVEN
        TestContext context = new TestContext(PLENTY_OF_TIME);

        // WHEN
        assertThatCode(() -> handler.handleRequest(stream("{\"Records\": []}"), new ByteArrayOutputStream(), context))
                .doesNotThrowAnyException();

        // THEN
        assertThat(cloudFormation.deliveries()).isEmpty();
        assertThat(rekognition.calls()).isEmpty();
        assertThat(context.lines())
                .containsExactly("Ignored an event that is no CloudFormation request: the event has no ResponseURL");
    }

    @Test
    void handleRequest_shouldLogAndReturn_whenEventIsNotJson() throws IOException {
        // GIVEN
        TestContext context = new TestContext(PLENTY_OF_TIME);

        // WHEN
        handler.handleRequest(stream("not json"), new ByteArrayOutputStream(), context);

        // THEN
        assertThat(cloudFormation.deliveries()).isEmpty();
        assertThat(context.lines())
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("Ignored an event that is no CloudFormation request: the event is not JSON");
    }

    private static void invoke(String fixture, Map<String, String> values) throws IOException {
        calls.invoke(fixture, values);
    }

    private static void invoke(String fixture, Map<String, String> values, int remainingMillis) throws IOException {
        calls.invoke(fixture, values, remainingMillis);
    }

    private static String event(String fixture, Map<String, String> values) throws IOException {
        return calls.event(fixture, values);
    }

    private static InputStream stream(String text) {
        return CustomResourceCalls.stream(text);
    }

    private static ResponseUrlServer.Delivery onlyAnswer() {
        return calls.onlyAnswer();
    }
}
