package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.GetFaceLivenessSessionResultsResponse;
import software.amazon.awssdk.services.rekognition.model.LivenessSessionStatus;
import software.amazon.awssdk.services.rekognition.model.SessionNotFoundException;

/**
 * Face Liveness through the SDK: sessions created and read with CreateFaceLivenessSession and
 * GetFaceLivenessSessionResults, completed over HTTP by submitting frames (the stand-in for the browser's video
 * stream), with the reference and audit images written to a real S3-compatible server.
 */
class FaceLivenessTest {

    private static final String BUCKET = "liveness-out";

    private static LocalS3 s3;
    private static ServerFixture fixture;
    private static RekognitionClient rekognition;
    private static byte[] face;
    private static byte[] otherCrop;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        s3 = LocalS3.start(BUCKET);
        fixture = ServerFixture.start(server -> server.s3Endpoint(s3.endpoint));
        rekognition = fixture.client;
        byte[] group = Photos.sample(2);
        FaceDetail first = rekognition
                .detectFaces(r -> r.image(Photos.image(group)))
                .faceDetails()
                .get(0);
        face = Photos.crop(group, first.boundingBox(), 0.9f);
        otherCrop = Photos.crop(group, first.boundingBox(), 0.5f);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        s3.close();
    }

    @Test
    void session_shouldSucceed_withTheBestFrameAsReference_andImagesInTheBucket() throws Exception {
        // GIVEN a session writing its images under liveness/ with up to two audit images
        String id = rekognition
                .createFaceLivenessSession(r -> r.settings(s -> s.auditImagesLimit(2)
                        .outputConfig(o -> o.s3Bucket(BUCKET).s3KeyPrefix("liveness/"))))
                .sessionId();
        assertThat(results(id).status()).isEqualTo(LivenessSessionStatus.CREATED);

        // WHEN two frames of a face are submitted
        HttpResponse<String> submitted = submit(id, List.of(face, otherCrop));

        // THEN the session succeeded with a confidence that is the frames' mean, a reference image (the frame scored
        // highest) and one audit image (the other frame), all written under liveness/<SessionId>/
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        GetFaceLivenessSessionResultsResponse results = results(id);
        float first = 100 * fixture.engine.liveness(face).orElseThrow().live();
        float second = 100 * fixture.engine.liveness(otherCrop).orElseThrow().live();
        assertThat(results.status()).isEqualTo(LivenessSessionStatus.SUCCEEDED);
        assertThat(results.confidence()).isCloseTo((first + second) / 2, org.assertj.core.data.Offset.offset(0.01f));
        String reference = results.referenceImage().s3Object().name();
        assertThat(reference).isEqualTo("liveness/" + id + "/reference.jpg");
        assertThat(s3.client
                        .getObjectAsBytes(r -> r.bucket(BUCKET).key(reference))
                        .asByteArray())
                .isEqualTo(first >= second ? face : otherCrop);
        assertThat(results.referenceImage().boundingBox().width()).isBetween(0.1f, 1f);
        assertThat(results.auditImages()).hasSize(1);
        assertThat(s3.client
                        .listObjectsV2(r -> r.bucket(BUCKET).prefix("liveness/" + id + "/"))
                        .keyCount())
                .isEqualTo(2);
    }

    @Test
    void session_shouldServeOneSubmissionOnly() throws Exception {
        String id = rekognition.createFaceLivenessSession(r -> {}).sessionId();

        HttpResponse<String> first = submit(id, List.of(face));
        HttpResponse<String> second = submit(id, List.of(face));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("InvalidParameterException", "SUCCEEDED");
        // without an OutputConfig the results carry the bytes
        assertThat(results(id).referenceImage().bytes().asByteArray()).isEqualTo(face);
    }

    @Test
    void session_shouldExpireAfterThreeMinutes_andRefuseFramesThen() throws Exception {
        String id = rekognition.createFaceLivenessSession(r -> {}).sessionId();

        fixture.server.advanceLivenessClock(Duration.ofMinutes(3).plusSeconds(1));

        assertThat(results(id).status()).isEqualTo(LivenessSessionStatus.EXPIRED);
        assertThat(results(id).confidence()).isNull();
        assertThat(submit(id, List.of(face)).statusCode()).isEqualTo(400);
    }

    @Test
    void session_shouldFail_whenNoFrameHoldsAFace() throws Exception {
        String id = rekognition.createFaceLivenessSession(r -> {}).sessionId();

        submit(id, List.of(Photos.noFace(200, 200)));

        GetFaceLivenessSessionResultsResponse results = results(id);
        assertThat(results.status()).isEqualTo(LivenessSessionStatus.FAILED);
        assertThat(results.referenceImage()).isNull();
    }

    @Test
    void results_shouldThrowSessionNotFound_forAnUnknownSession() {
        assertThatThrownBy(() -> results("00000000-0000-0000-0000-000000000000"))
                .isInstanceOf(SessionNotFoundException.class);
    }

    @Test
    void create_shouldReturnTheSameSession_forTheSameClientRequestToken() {
        String a = rekognition
                .createFaceLivenessSession(r -> r.clientRequestToken("token-1"))
                .sessionId();
        String b = rekognition
                .createFaceLivenessSession(r -> r.clientRequestToken("token-1"))
                .sessionId();

        assertThat(a).isEqualTo(b);
    }

    private static GetFaceLivenessSessionResultsResponse results(String id) {
        return rekognition.getFaceLivenessSessionResults(r -> r.sessionId(id));
    }

    private HttpResponse<String> submit(String id, List<byte[]> frames) throws Exception {
        var body = Json.object();
        var list = body.putArray("Frames");
        frames.forEach(f -> list.add(Base64.getEncoder().encodeToString(f)));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(fixture.server.endpoint() + "/_facerec/liveness/sessions/" + id + "/frames"))
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            JsonNode answer = Json.MAPPER.readTree(response.body());
            assertThat(answer.path("SessionId").asText()).isEqualTo(id);
        }
        return response;
    }
}
