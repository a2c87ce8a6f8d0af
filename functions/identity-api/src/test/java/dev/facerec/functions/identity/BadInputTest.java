package dev.facerec.functions.identity;

import static dev.facerec.functions.identity.ApiFixture.body;
import static dev.facerec.functions.identity.ApiFixture.enrol;
import static dev.facerec.functions.identity.ApiFixture.event;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input of the image routes: a 400 (413 over 5 MB) with a code, before any Rekognition call; never a 500. */
class BadInputTest extends WithColorFaceEngine {

    private static IdentityApiHandler handler;

    @BeforeAll
    static void enrolAlice() {
        enrol(services, "enroll/alice/portrait.jpg", FaceColor.RED, Map.of());
        handler = ApiFixture.handler(services, 99f);
    }

    static Stream<Arguments> badInputs() {
        byte[] face = SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160));
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        System.arraycopy(face, 0, huge, 0, face.length);
        return Stream.of(
                Arguments.of("alice", "application/json", "{\"image\":\"not base64!\"}", 400, "INVALID_BASE64"),
                Arguments.of("alice", "application/json", "{\"image\":", 400, "INVALID_JSON"),
                Arguments.of("alice", "application/json", "[1]", 400, "INVALID_JSON"),
                Arguments.of("alice", "application/json", "{\"image\":7}", 400, "INVALID_REQUEST"),
                Arguments.of("alice", "application/json", "{}", 400, "INVALID_REQUEST"),
                Arguments.of(
                        "alice", "application/json", "{\"key\":\"enroll/alice/portrait.jpg\"}", 400, "INVALID_KEY"),
                Arguments.of(
                        "alice", "application/json", "{\"key\":\"recognize/missing.jpg\"}", 400, "OBJECT_NOT_FOUND"),
                Arguments.of("alice", "text/plain", "hello", 400, "UNSUPPORTED_CONTENT_TYPE"),
                Arguments.of("alice", "image/jpeg", SyntheticImages.text(), 400, "NOT_AN_IMAGE"),
                Arguments.of("alice", "image/png", SyntheticImages.gif(300, 300), 400, "NOT_AN_IMAGE"),
                Arguments.of("alice", "image/jpeg", new byte[0], 400, "NOT_AN_IMAGE"),
                Arguments.of("alice", "image/jpeg", SyntheticImages.truncatedJpeg(300, 300, 0.5), 400, "NOT_AN_IMAGE"),
                Arguments.of("alice", "image/jpeg", SyntheticImages.jpeg(60, 300), 400, "TOO_SMALL"),
                Arguments.of("alice", "image/jpeg", huge, 413, "TOO_LARGE"),
                Arguments.of("has space", "image/jpeg", face, 400, "INVALID_PERSON_ID"),
                Arguments.of("x".repeat(129), "image/jpeg", face, 400, "INVALID_PERSON_ID"));
    }

    @ParameterizedTest(name = "{4}")
    @MethodSource("badInputs")
    void verify_shouldRefuseBadInput(String personId, String contentType, Object body, int status, String code) {
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) body;

        for (String route : new String[] {IdentityApiHandler.VERIFY, IdentityApiHandler.IDENTIFY}) {
            if (route.equals(IdentityApiHandler.IDENTIFY) && code.equals("INVALID_PERSON_ID")) {
                continue;
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    event(route, Map.of("personId", personId), contentType, bytes, null), new TestContext());

            assertThat(response.getStatusCode()).as(route).isEqualTo(status);
            assertThat(body(response).path("code").asText()).as(route).isEqualTo(code);
            assertThat(body(response).path("message").asText()).as(route).isNotBlank();
        }
        assertThat(services.faults().calls("SearchUsersByImage")).isZero();
        assertThat(services.faults().calls("DetectFaces")).isZero();
    }
}
