package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.enrol;
import static dev.facerec.functions.identity.ApiFixture.event;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.liveness.LivenessRecords;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /liveness/sessions} and {@code POST /people/{personId}/verify-live} on the local Rekognition server
 * with the {@code ColorFaceEngine} (a cyan face is a replay; any other colour is live): sessions are completed by
 * submitting frames to the server, as the browser component's video would on AWS. Alice is red, Bob blue, Carol
 * yellow, Dave magenta.
 */
class LivenessRoutesTest extends WithColorFaceEngine {

    private static final LivenessConfig LIVENESS =
            new LivenessConfig("liveness/", 90f, 2, Duration.ofDays(1), "eu-west-1");

    private static IdentityApiHandler handler;

    @BeforeAll
    static void enrol4() {
        enrol(services, "enroll/alice/portrait.jpg", FaceColor.RED, Map.of());
        enrol(services, "enroll/bob/portrait.jpg", FaceColor.BLUE, Map.of());
        enrol(services, "enroll/carol/portrait.jpg", FaceColor.YELLOW, Map.of());
        enrol(services, "enroll/dave/portrait.jpg", FaceColor.MAGENTA, Map.of());
        handler = handler(Clock.systemUTC());
    }

    @Test
    void verifyLive_shouldVerify_aLiveSessionOfTheClaimedPerson_andRecordItUnderThePerson() {
        // GIVEN a session created through the API, completed with two frames of Alice
        JsonNode created = body(createSession());
        String sessionId = created.path("sessionId").asText();
        complete(sessionId, FaceColor.RED, FaceColor.RED);

        // WHEN Alice claims it
        APIGatewayV2HTTPResponse response = verifyLive("alice", sessionId);

        // THEN verified: live and her face; no score is disclosed
        assertThat(created.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode answer = body(response);
        assertThat(answer.path("verified").asBoolean()).isTrue();
        assertThat(answer.path("live").asBoolean()).isTrue();
        assertThat(answer.path("faceMatched").asBoolean()).isTrue();
        assertThat(answer.path("reasons")).isEmpty();
        assertThat(response.getBody()).doesNotContainIgnoringCase("confidence").doesNotContain("similarity");
        // AND the session's images (reference + one audit image) are recorded under Alice's partition
        List<String> keys = services
                .item(TableKeys.key(TableKeys.personPk("alice"), LivenessRecords.SESSION_PREFIX + sessionId))
                .get("imageKeys")
                .l()
                .stream()
                .map(AttributeValue::s)
                .toList();
        assertThat(keys).hasSize(2).allMatch(key -> key.startsWith("liveness/" + sessionId + "/"));
    }

    @Test
    void verifyLive_shouldFail_forAReplay() {
        String sessionId = sessionCompletedWith(FaceColor.CYAN);

        JsonNode answer = body(verifyLive("alice", sessionId));

        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("live").asBoolean()).isFalse();
        assertThat(answer.has("faceMatched")).isFalse();
        assertThat(reasons(answer)).containsExactly("NOT_LIVE");
    }

    @Test
    void verifyLive_shouldFail_forAnotherPersonsLiveSession() {
        String bobs = sessionCompletedWith(FaceColor.BLUE);

        JsonNode answer = body(verifyLive("alice", bobs));

        assertThat(answer.path("verified").asBoolean()).isFalse();
        assertThat(answer.path("live").asBoolean()).isTrue();
        assertThat(answer.path("faceMatched").asBoolean()).isFalse();
        assertThat(reasons(answer)).containsExactly("FACE_NOT_MATCHED", "OTHER_PERSON_SCORED_HIGHER");
    }

    @Test
    void verifyLive_shouldFail_forAReusedSession_andAnExpiredOne() {
        String used = sessionCompletedWith(FaceColor.RED);
        assertThat(body(verifyLive("alice", used)).path("verified").asBoolean()).isTrue();
        String late = body(createSession()).path("sessionId").asText();
        services.rekognitionServer().advanceLivenessClock(Duration.ofMinutes(3).plusSeconds(1));

        JsonNode reused = body(verifyLive("alice", used));
        JsonNode expired = body(verifyLive("alice", late));

        assertThat(reasons(reused)).containsExactly("SESSION_ALREADY_USED");
        assertThat(reused.path("verified").asBoolean()).isFalse();
        assertThat(reasons(expired)).containsExactly("SESSION_EXPIRED");
    }

    @Test
    void verifyLive_shouldAnswer409_beforeTheCheckEnded_andNotUseTheSession() {
        String sessionId = body(createSession()).path("sessionId").asText();

        APIGatewayV2HTTPResponse early = verifyLive("alice", sessionId);
        complete(sessionId, FaceColor.RED);

        assertThat(early.getStatusCode()).isEqualTo(409);
        assertThat(body(early).path("code").asText()).isEqualTo("SESSION_NOT_COMPLETED");
        assertThat(body(verifyLive("alice", sessionId)).path("verified").asBoolean())
                .isTrue();
    }

    @Test
    void verifyLive_shouldTimeOutAPersonFor30Minutes_afterFiveFailedChecksInThreeMinutes() {
        // GIVEN five failed checks of Carol (replays)
        for (int i = 0; i < 5; i++) {
            assertThat(body(verifyLive("carol", sessionCompletedWith(FaceColor.CYAN)))
                            .path("verified")
                            .asBoolean())
                    .isFalse();
        }
        String live = sessionCompletedWith(FaceColor.YELLOW);

        // WHEN she tries a sixth time: now, 29 minutes later, and 31 minutes later
        APIGatewayV2HTTPResponse locked = verifyLive("carol", live);
        APIGatewayV2HTTPResponse stillLocked = handler(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(29)))
                .handleRequest(verifyLiveEvent("carol", live), new TestContext());
        APIGatewayV2HTTPResponse later = handler(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(31)))
                .handleRequest(verifyLiveEvent("carol", live), new TestContext());

        // THEN timed out for 30 minutes (429 and when to come back), then checked again (the refusals did not use the
        // session)
        assertThat(locked.getStatusCode()).isEqualTo(429);
        assertThat(body(locked).path("code").asText()).isEqualTo("TOO_MANY_FAILED_CHECKS");
        assertThat(Integer.parseInt(locked.getHeaders().get("retry-after"))).isBetween(1790, 1801);
        assertThat(stillLocked.getStatusCode()).isEqualTo(429);
        assertThat(body(later).path("verified").asBoolean()).as(later.getBody()).isTrue();
        // AND another person is not affected
        assertThat(body(verifyLive("alice", sessionCompletedWith(FaceColor.RED)))
                        .path("verified")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void erasure_shouldDeleteTheLivenessImagesAndRowsOfThePerson() {
        // GIVEN Dave verified live, and one failed check
        String sessionId = sessionCompletedWith(FaceColor.MAGENTA);
        assertThat(body(verifyLive("dave", sessionId)).path("verified").asBoolean())
                .isTrue();
        verifyLive("dave", sessionCompletedWith(FaceColor.CYAN));
        assertThat(services.s3()
                        .listObjectsV2(b -> b.bucket(FunctionServices.BUCKET).prefix("liveness/" + sessionId + "/"))
                        .keyCount())
                .isEqualTo(2);

        // WHEN Dave is erased
        JsonNode erased = body(handler.handleRequest(
                event(IdentityApiHandler.DELETE_PERSON, Map.of("personId", "dave"), null, null, null),
                new TestContext()));

        // THEN his session's images and every liveness row of his are gone
        assertThat(erased.at("/removed/livenessImageVersions").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(services.s3()
                        .listObjectVersions(
                                b -> b.bucket(FunctionServices.BUCKET).prefix("liveness/" + sessionId + "/"))
                        .versions())
                .isEmpty();
        assertThat(services.items(TableKeys.personPk("dave"), "LIVENESS")).isEmpty();
    }

    @Test
    void verifyLive_shouldRefuseABadSessionId_andAnUnknownSession() {
        APIGatewayV2HTTPResponse bad = verifyLive("alice", "not-a-session");
        JsonNode unknown = body(verifyLive("bob", "00000000-0000-0000-0000-000000000000"));

        assertThat(bad.getStatusCode()).isEqualTo(400);
        assertThat(body(bad).path("code").asText()).isEqualTo("INVALID_SESSION_ID");
        assertThat(reasons(unknown)).containsExactly("SESSION_NOT_FOUND");
    }

    private static IdentityApiHandler handler(Clock clock) {
        return new IdentityApiHandler(
                ApiFixture.clients(services), ApiFixture.config(99f), LIVENESS, ApiFixture.presigner(services), clock);
    }

    private static APIGatewayV2HTTPResponse createSession() {
        return handler.handleRequest(
                event(IdentityApiHandler.CREATE_LIVENESS_SESSION, Map.of(), null, null, null), new TestContext());
    }

    private static String sessionCompletedWith(FaceColor color) {
        String sessionId = body(createSession()).path("sessionId").asText();
        complete(sessionId, color);
        return sessionId;
    }

    /** The browser's part on the twin: frames of a face of {@code colors} submitted to the session. */
    private static void complete(String sessionId, FaceColor... colors) {
        List<byte[]> frames = Arrays.stream(colors)
                .map(color -> SyntheticImages.jpeg(320, 240, face(color, 100, 50, 120)))
                .toList();
        services.rekognitionServer().submitLivenessFrames(sessionId, frames);
    }

    private static APIGatewayV2HTTPResponse verifyLive(String personId, String sessionId) {
        return handler.handleRequest(verifyLiveEvent(personId, sessionId), new TestContext());
    }

    private static APIGatewayV2HTTPEvent verifyLiveEvent(String personId, String sessionId) {
        return event(
                IdentityApiHandler.VERIFY_LIVE,
                Map.of("personId", personId),
                "application/json",
                ("{\"sessionId\":\"" + sessionId + "\"}").getBytes(StandardCharsets.UTF_8),
                null);
    }

    private static List<String> reasons(JsonNode answer) {
        return StreamSupport.stream(answer.path("reasons").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
