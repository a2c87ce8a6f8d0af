package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.enrol;
import static dev.facerec.functions.identity.ApiFixture.event;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /people/{personId}/verify} on synthetic photos ({@code ColorFaceEngine}: a face of the same colour is
 * 100 % similar, another colour 20 %): Alice is red, Bob blue; nobody is green.
 */
class VerifyRouteTest extends WithColorFaceEngine {

    private static IdentityApiHandler handler;

    @BeforeAll
    static void enrolAliceAndBob() {
        enrol(services, "enroll/alice/portrait.jpg", FaceColor.RED, Map.of("name", "Alice Liddell"));
        enrol(services, "enroll/bob/portrait.jpg", FaceColor.BLUE, Map.of());
        handler = ApiFixture.handler(services, 99f);
    }

    @Test
    void verify_shouldVerify_whenTheProbeShowsTheClaimedPerson() {
        // GIVEN another photo of Alice, sent as raw JPEG
        byte[] probe = SyntheticImages.jpeg(400, 300, face(FaceColor.RED, 150, 80, 120));

        // WHEN
        APIGatewayV2HTTPResponse response = verify(handler, "alice", "image/jpeg", probe);

        // THEN
        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.path("verified").asBoolean()).isTrue();
        assertThat(answer.path("personId").asText()).isEqualTo("alice");
        assertThat(answer.path("similarity").asDouble()).isEqualTo(100.0);
        assertThat(answer.path("threshold").asDouble()).isEqualTo(99.0);
        assertThat(answer.has("reason")).isFalse();
        assertThat(answer.path("faceCount").asInt()).isEqualTo(1);
        assertThat(answer.path("otherPersonScoredHigher").asBoolean()).isFalse();
    }

    @Test
    void verify_shouldNotVerify_whenTheProbeShowsAnotherEnrolledPerson() {
        // GIVEN Bob's face, as PNG in JSON with base64, claiming to be Alice
        String json = "{\"image\":\""
                + Base64.getEncoder().encodeToString(SyntheticImages.png(300, 300, face(FaceColor.BLUE, 60, 60, 150)))
                + "\"}";

        // WHEN
        JsonNode answer = body(verify(handler, "alice", "application/json", json.getBytes(StandardCharsets.UTF_8)));

        // THEN Alice's similarity is reported, and Bob scores higher
        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("similarity").asDouble()).isEqualTo(20.0);
        assertThat(answer.path("otherPersonScoredHigher").asBoolean()).isTrue();
    }

    @Test
    void verify_shouldNotVerify_whenTheProbeShowsAStranger() {
        JsonNode answer = body(verify(
                handler, "alice", "image/png", SyntheticImages.png(300, 300, face(FaceColor.GREEN, 60, 60, 150))));

        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("similarity").asDouble()).isEqualTo(20.0);
        assertThat(answer.path("otherPersonScoredHigher").asBoolean()).isFalse();
    }

    @Test
    void verify_shouldNotVerify_whenSomeoneElseScoresHigherThanTheReachedThreshold() {
        // GIVEN a threshold of 10 that Alice's 20 % for Bob's face reaches
        IdentityApiHandler lenient = ApiFixture.handler(services, 10f);

        // WHEN Bob's face claims to be Alice
        JsonNode answer = body(verify(
                lenient, "alice", "image/png", SyntheticImages.png(300, 300, face(FaceColor.BLUE, 60, 60, 150))));

        // THEN Alice's similarity reaches the threshold, but Bob is more similar
        assertThat(answer.path("similarity").asDouble()).isEqualTo(20.0);
        assertThat(answer.path("threshold").asDouble()).isEqualTo(10.0);
        assertThat(answer.path("otherPersonScoredHigher").asBoolean()).isTrue();
        assertThat(answer.path("verified").asBoolean()).isFalse();
    }

    @Test
    void verify_shouldCompareTheLargestFace_whenTheProbeHasSeveral() {
        // GIVEN Alice's large face next to Bob's small one
        byte[] probe =
                SyntheticImages.jpeg(500, 400, face(FaceColor.RED, 40, 60, 200), face(FaceColor.BLUE, 350, 100, 100));

        JsonNode answer = body(verify(handler, "alice", "image/jpeg", probe));

        assertThat(answer.path("verified").asBoolean()).isTrue();
        assertThat(answer.path("faceCount").asInt()).isEqualTo(2);
    }

    @Test
    void verify_shouldAnswerNoFace_whenTheProbeHasNone() {
        JsonNode answer = body(verify(handler, "alice", "image/jpeg", SyntheticImages.jpeg(300, 300)));

        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("reason").asText()).isEqualTo("NO_FACE");
        assertThat(answer.has("similarity")).isFalse();
        assertThat(answer.path("faceCount").asInt()).isZero();
    }

    @Test
    void verify_shouldAnswerLowQuality_whenTheOnlyFaceIsTooSmall() {
        // GIVEN Alice's face, 30 px wide in a 2000 px photo: under the quality filter's 40 px at 1920 px
        byte[] probe = SyntheticImages.jpeg(2000, 2000, face(FaceColor.RED, 900, 900, 30));

        JsonNode answer = body(verify(handler, "alice", "image/jpeg", probe));

        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("reason").asText()).isEqualTo("LOW_QUALITY");
        assertThat(answer.path("faceCount").asInt()).isEqualTo(1);
    }

    @Test
    void verify_shouldAnswer404NotEnrolled_whenNobodyIsEnrolledUnderTheId() {
        APIGatewayV2HTTPResponse response = verify(
                handler, "nobody", "image/jpeg", SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)));

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).path("code").asText()).isEqualTo("NOT_ENROLLED");
        assertThat(services.faults().calls("SearchUsersByImage")).isZero();
    }

    @Test
    void verify_shouldAnswer429WithRetryAfter_whenRekognitionThrottles() {
        // GIVEN Rekognition throttles the search (the test client does not retry)
        services.faults().failNext("SearchUsersByImage", 1, ErrorType.THROTTLING);

        APIGatewayV2HTTPResponse response = verify(
                handler, "alice", "image/jpeg", SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)));

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("retry-after", "1");
        assertThat(body(response).path("code").asText()).isEqualTo("THROTTLED");
    }

    @Test
    void verify_shouldReadTheProbeFromTheBucket_whenTheBodyNamesAKey() {
        services.upload(
                "recognize/probes/alice.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)),
                Map.of());

        JsonNode answer = body(verify(
                handler,
                "alice",
                "application/json",
                "{\"key\":\"recognize/probes/alice.jpg\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.path("verified").asBoolean()).isTrue();
    }

    @Test
    void handleRequest_shouldNotLogPersonIds() {
        TestContext context = new TestContext();

        handler.handleRequest(
                event(
                        IdentityApiHandler.VERIFY,
                        Map.of("personId", "alice"),
                        "image/jpeg",
                        SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)),
                        null),
                context);

        assertThat(context.lines()).isNotEmpty().noneMatch(line -> line.contains("alice"));
    }

    static APIGatewayV2HTTPResponse verify(
            IdentityApiHandler handler, String personId, String contentType, byte[] body) {
        return handler.handleRequest(
                event(IdentityApiHandler.VERIFY, Map.of("personId", personId), contentType, body, null),
                new TestContext());
    }
}
