package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.infra.IdentityApiOptions;
import dev.facerec.infra.LivenessOptions;
import dev.facerec.infra.SightingsLogOptions;
import dev.facerec.twin.Twin;
import dev.facerec.twin.apigateway.SignedHttp;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.privacy.ErasureReport;
import dev.facerec.twin.privacy.ErasureVerifier;
import dev.facerec.twin.privacy.Trace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * The identity API end to end on the twin, over real HTTP with SigV4-signed requests: people enrolled through the
 * bucket are verified and identified through the API's HTTP API, listed, read and erased; a presigned upload flows
 * through enrolment; an unsigned request is refused; liveness as a second factor (Face Liveness sessions completed
 * with frames on the twin's Rekognition, as the browser's video would on AWS): a live session verifies, a replay,
 * another person's session, a reused or expired session do not, five failures time the person out, and the
 * session's images are erased with the person; erasure (with a receipt, during an enrolment in flight, by the
 * retention schedule at a moved clock) leaves nothing the erasure verifier finds. One twin for the class.
 */
@TestMethodOrder(OrderAnnotation.class)
class IdentityApiIT {

    private static final String STACK = "Identity";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static TwinStack deployed;
    private static Twin twin;
    private static Pipeline pipeline;
    private static String api;
    private static byte[] group;
    private static List<FaceDetail> faces;
    private static final SignedHttp http = new SignedHttp("us-east-1");
    /** The liveness sessions a verify-live call named: all of them are recorded under Mallory. */
    private static final Set<String> checkedSessions = new LinkedHashSet<>();

    private static final byte[] CONSENT =
            "{\"consentedBy\": \"subject\", \"purpose\": \"door access\", \"policyVersion\": \"2026-12\"}"
                    .getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void synthesizeDeployAndEnrol() throws Exception {
        deployed = TwinStack.deploy(directory, STACK, stack -> {
            FaceRecognition faces = new FaceRecognition(
                    stack,
                    "Faces",
                    FaceRecognitionProps.builder()
                            .identityApi(IdentityApiOptions.builder()
                                    .liveness(LivenessOptions.builder()
                                            .auditImagesLimit(2)
                                            .build())
                                    .build())
                            .sightingsLog(SightingsLogOptions.builder()
                                    .retention(software.amazon.awscdk.Duration.days(7))
                                    .build())
                            .build());
            Pipeline.exportOutputs(stack, "Faces", faces);
            Pipeline.output(
                    stack, "ApiEndpoint", faces.getIdentityApi().getHttpApi().getApiEndpoint());
        });
        twin = deployed.twin();
        StackRecord record = deployed.stack();
        pipeline = Pipeline.named(twin, record.outputs(), "Faces");
        api = record.outputs().get("ApiEndpoint");

        group = GroupPhotos.read(GroupPhotos.sample(3));
        IdentityApiIT.faces = pipeline.detectFaces(group);
        enrol("mallory", 0);
        enrol("trent", 1);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (deployed != null) {
            deployed.close();
        }
    }

    @Test
    @Order(1)
    void verify_shouldVerifyThePerson_andNotAnotherEnrolledPerson() throws Exception {
        // GIVEN another crop of Mallory's face than the one enrolled
        byte[] mallory = GroupPhotos.crop(group, faces.get(0).boundingBox(), 0.8f);

        // WHEN Mallory's face claims to be Mallory, then to be Trent
        JsonNode asMallory = ok(http.send("POST", uri("/people/mallory/verify"), "image/jpeg", mallory));
        JsonNode asTrent = ok(http.send("POST", uri("/people/trent/verify"), "image/jpeg", mallory));

        // THEN only the true claim is verified, at the default threshold of 99
        assertThat(asMallory.path("verified").asBoolean())
                .as(asMallory.toString())
                .isTrue();
        assertThat(asMallory.path("threshold").asDouble()).isEqualTo(99.0);
        assertThat(asMallory.path("similarity").asDouble()).isGreaterThanOrEqualTo(99.0);
        assertThat(asTrent.path("verified").asBoolean()).isFalse();
        assertThat(asTrent.path("otherPersonScoredHigher").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void verify_shouldAnswerNoFace_andRefuseAnUnknownPerson() throws Exception {
        JsonNode blank = ok(http.send("POST", uri("/people/mallory/verify"), "image/png", GroupPhotos.blank(200, 200)));
        HttpResponse<String> unknown = http.send(
                "POST",
                uri("/people/nobody/verify"),
                "image/jpeg",
                GroupPhotos.crop(group, faces.get(0).boundingBox(), 0.5f));

        assertThat(blank.path("verified").asBoolean()).isFalse();
        assertThat(blank.path("reason").asText()).isEqualTo("NO_FACE");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("NOT_ENROLLED");
    }

    @Test
    @Order(3)
    void identify_shouldNameTheEnrolledPeopleOfAGroupPhoto() throws Exception {
        JsonNode result = ok(http.send("POST", uri("/identify"), "image/jpeg", group));

        assertThat(result.path("faceCount").asInt()).isEqualTo(faces.size());
        List<String> people = new ArrayList<>();
        result.path("faces")
                .forEach(face -> people.add(face.at("/identity/personId").asText()));
        assertThat(people).contains("mallory", "trent");
    }

    @Test
    @Order(4)
    void people_shouldBeListedRead_andErasedWithAReceipt_leavingNoTrace() throws Exception {
        // GIVEN Trent and Mallory named by the recognition of the group photo (result and sightings log)
        pipeline.upload("recognize/hall/group.jpg", group, Map.of());
        pipeline.awaitStatus("recognize/hall/group.jpg", "RECOGNIZED");
        assertThat(result()).contains("\"trent\"", "\"mallory\"");
        JsonNode list = ok(http.send("GET", uri("/people"), null, null));
        JsonNode trent = ok(http.send("GET", uri("/people/trent"), null, null));
        String faceId = trent.at("/faces/0/faceId").asText();
        assertThat(pipeline.collectionFaceIds()).contains(faceId);

        // WHEN Trent is erased
        HttpResponse<String> erased = http.send("DELETE", uri("/people/trent"), null, null);

        // THEN the answer is a receipt: counts, who asked, a salted hash of the id, and not the id
        assertThat(list.path("people").findValuesAsText("personId")).containsExactly("mallory", "trent");
        assertThat(trent.at("/photos/0/key").asText()).isEqualTo("enroll/trent/face.jpg");
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        JsonNode receipt = JSON.readTree(erased.body());
        assertThat(erased.body()).doesNotContain("trent");
        assertThat(receipt.at("/removed/faces").asLong()).isEqualTo(1);
        assertThat(receipt.at("/removed/users").asLong()).isEqualTo(1);
        assertThat(receipt.at("/removed/photoVersions").asLong()).isEqualTo(1);
        assertThat(receipt.at("/removed/resultsRedacted").asLong()).isEqualTo(1);
        assertThat(receipt.at("/removed/sightings").asLong()).isEqualTo(1);
        assertThat(receipt.path("requestedBy").asText()).startsWith("arn:aws:");
        assertThat(receipt.path("subjectHash").asText())
                .isEqualTo(saltedHash(receipt.path("salt").asText(), "trent"));
        assertThat(pipeline.collectionFaceIds()).doesNotContain(faceId);
        assertThat(http.send("GET", uri("/people/trent"), null, null).statusCode())
                .isEqualTo(404);
        // AND the result still names Mallory
        assertThat(result()).doesNotContain("trent").contains("\"mallory\"", "\"ERASED\"");
        // AND once the enrolment function has handled S3's removal events of the erased photo, no store holds
        // anything of the person
        assertThat(verify("trent", "DELETE /people/trent")).isEmpty();
    }

    @Test
    @Order(5)
    void photos_shouldTakeAPresignedUploadThroughEnrolment() throws Exception {
        // GIVEN Victor's consent, recorded through the API, and an upload URL for a photo of him
        HttpResponse<String> consented = http.send("PUT", uri("/people/victor/consent"), "application/json", CONSENT);
        assertThat(consented.statusCode()).as(consented.body()).isEqualTo(200);
        HttpResponse<String> created = http.send("POST", uri("/people/victor/photos"), null, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode upload = JSON.readTree(created.body());

        // WHEN the photo is PUT to it, as a browser or a kiosk would, without credentials
        HttpResponse<String> put = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(upload.path("uploadUrl").asText()))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(
                                        GroupPhotos.crop(group, faces.get(2).boundingBox(), 0.5f)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        // THEN its status becomes INDEXED
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        URI status = uri("/people/victor/photos/" + upload.path("photoId").asText());
        String indexed = Pipeline.await("the uploaded photo's INDEXED status", () -> {
            try {
                String value =
                        ok(http.send("GET", status, null, null)).path("status").asText();
                return value.equals("PENDING") ? null : value;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(indexed).isEqualTo("INDEXED");
    }

    @Test
    @Order(6)
    void api_shouldRefuseAnUnsignedRequest() throws Exception {
        HttpResponse<String> response = http.sendUnsigned("GET", uri("/people"));

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(7)
    void erasure_duringAnEnrolmentInFlight_shouldLeaveNothing() throws Exception {
        // GIVEN Wendy (from another photo), enrolled, and a second photo of her just uploaded (enrolment under way)
        byte[] other = GroupPhotos.read(GroupPhotos.sample(1));
        FaceDetail wendy = pipeline.detectFaces(other).get(0);
        String first = "enroll/wendy/face.jpg";
        pipeline.recordConsent("wendy");
        pipeline.upload(first, GroupPhotos.crop(other, wendy.boundingBox(), 0.5f), Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(first, "INDEXED", "REJECTED"), "status"))
                .isEqualTo("INDEXED");
        pipeline.upload("enroll/wendy/second.jpg", GroupPhotos.crop(other, wendy.boundingBox(), 0.6f), Map.of());

        // WHEN she is erased at once (the erasure waits for the enrolment holding her; 409 asks to retry)
        HttpResponse<String> erased = http.send("DELETE", uri("/people/wendy"), null, null);
        for (int retry = 0; retry < 5 && erased.statusCode() == 409; retry++) {
            erased = http.send("DELETE", uri("/people/wendy"), null, null);
        }

        // THEN nothing of her is left once the functions have handled every event of hers
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(verify("wendy", "erasure during an enrolment in flight")).isEmpty();
    }

    @Test
    @Order(8)
    void verifyLive_shouldVerifyALiveSessionOfThePerson_once() throws Exception {
        // GIVEN a session completed with two frames of Mallory (the twin's stand-in for the browser's video)
        String session = session(mallory(1.0f), mallory(1.5f));

        // WHEN Mallory claims it, then claims it again
        JsonNode first = verifyLive("mallory", session);
        JsonNode again = verifyLive("mallory", session);

        // THEN the first check verifies, without disclosing a score; the second refuses the used session
        assertThat(first.path("verified").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.path("live").asBoolean()).isTrue();
        assertThat(first.toString()).doesNotContainIgnoringCase("confidence");
        assertThat(again.path("verified").asBoolean()).isFalse();
        assertThat(again.path("reasons").toString()).contains("SESSION_ALREADY_USED");
        // AND Rekognition wrote the reference and audit images under the liveness prefix
        assertThat(pipeline.keys("liveness/" + session + "/")).hasSize(2);
    }

    @Test
    @Order(9)
    void verifyLive_shouldRefuseAReplay_anotherPersonsSession_andAnExpiredSession() throws Exception {
        // the very photo that passes as a live frame, shown on a phone
        String replay = session(GroupPhotos.onPhoneScreen(mallory(1.0f)));
        String victors = session(GroupPhotos.crop(group, faces.get(2).boundingBox(), 1.0f));
        String late = ok(http.send("POST", uri("/liveness/sessions"), null, null), 201)
                .path("sessionId")
                .asText();
        twin.rekognition().advanceLivenessClock(Duration.ofMinutes(3).plusSeconds(1));

        JsonNode replayed = verifyLive("mallory", replay);
        JsonNode other = verifyLive("mallory", victors);
        JsonNode expired = verifyLive("mallory", late);

        assertThat(replayed.path("reasons").toString()).as(replayed.toString()).contains("NOT_LIVE");
        assertThat(other.path("live").asBoolean()).as(other.toString()).isTrue();
        assertThat(other.path("reasons").toString()).contains("FACE_NOT_MATCHED");
        assertThat(expired.path("reasons").toString()).contains("SESSION_EXPIRED");
        assertThat(List.of(replayed, other, expired))
                .allMatch(a -> !a.path("verified").asBoolean());
    }

    @Test
    @Order(10)
    void verifyLive_shouldTimeOutThePerson_afterFiveFailedChecksWithinThreeMinutes() throws Exception {
        // GIVEN four failed checks of Mallory so far (a reused session, a replay, Victor's session, an expired one)
        assertThat(verifyLive("mallory", session(GroupPhotos.onPhoneScreen(mallory(1.5f))))
                        .path("verified")
                        .asBoolean())
                .isFalse();

        // WHEN she tries again after the fifth, even with a live session
        HttpResponse<String> locked = http.send(
                "POST",
                uri("/people/mallory/verify-live"),
                "application/json",
                ("{\"sessionId\":\"" + session(mallory(1.0f)) + "\"}").getBytes(StandardCharsets.UTF_8));

        // THEN 429, with when to come back
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
        assertThat(Integer.parseInt(locked.headers().firstValue("retry-after").orElseThrow()))
                .isBetween(1700, 1801);
    }

    @Test
    @Order(11)
    void erasure_shouldEraseThePersonsLivenessImages() throws Exception {
        List<String> checked = checkedSessions.stream()
                .flatMap(id -> pipeline.keys("liveness/" + id + "/").stream())
                .toList();
        assertThat(checked).isNotEmpty();

        HttpResponse<String> erased = http.send("DELETE", uri("/people/mallory"), null, null);

        // THEN every image of a session checked for Mallory is gone; the session the time-out refused was never
        // checked, so it is nobody's: the prefix's lifecycle rule expires it
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(JSON.readTree(erased.body())
                        .at("/removed/livenessImageVersions")
                        .asLong())
                .isEqualTo(checked.size());
        assertThat(checkedSessions)
                .allMatch(id -> pipeline.keys("liveness/" + id + "/").isEmpty());
    }

    private static byte[] mallory(float margin) {
        return GroupPhotos.crop(group, faces.get(0).boundingBox(), margin);
    }

    /** A session created through the API and completed with {@code frames} on the twin's Rekognition. */
    private static String session(byte[]... frames) throws Exception {
        String sessionId = ok(http.send("POST", uri("/liveness/sessions"), null, null), 201)
                .path("sessionId")
                .asText();
        twin.rekognition().submitLivenessFrames(sessionId, List.of(frames));
        return sessionId;
    }

    private static JsonNode verifyLive(String personId, String sessionId) throws Exception {
        checkedSessions.add(sessionId);
        return ok(http.send(
                "POST",
                uri("/people/" + personId + "/verify-live"),
                "application/json",
                ("{\"sessionId\":\"" + sessionId + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @Order(12)
    void retention_atAMovedClock_shouldEraseEveryonePastIt() throws Exception {
        // GIVEN the retention schedule (3 years by default) and a clock moved 3 years and 2 days ahead
        Instant later = Instant.now().plus(Duration.ofDays(3 * 365 + 2));
        String rule = deployed.stack().resourcesOfType("AWS::Events::Rule").stream()
                .filter(r -> r.logicalId().startsWith("FacesRetentionSchedule"))
                .findFirst()
                .orElseThrow()
                .physicalId();

        // WHEN the schedule runs at that time, and the bucket's lifecycle rules are applied at it
        twin.events().runNow(rule, later);
        Pipeline.await("everyone erased by the retention schedule", () -> {
            try {
                JsonNode people = ok(http.send("GET", uri("/people"), null, null));
                return people.path("people").isEmpty() ? people : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        twin.sweepLifecycle(STACK, later);

        // THEN nothing of the people enrolled is left anywhere
        assertThat(verify("mallory", "retention expiry at a moved clock")).isEmpty();
        assertThat(verify("victor", "retention expiry at a moved clock")).isEmpty();
    }

    @Test
    @Order(13)
    void enrolment_withoutConsent_shouldEndNoConsent_andKeepNothingOfThePhoto() throws Exception {
        // GIVEN nobody recorded Peggy's consent
        String key = "enroll/peggy/face.jpg";

        // WHEN a photo of her is uploaded
        pipeline.upload(key, otherFace(0), Map.of());

        // THEN it ends REJECTED NO_CONSENT, and the only trace of Peggy is that status row: no photo version, face,
        // user or other row
        Map<String, AttributeValue> row = pipeline.awaitStatus(key, "INDEXED", "REJECTED");
        assertThat(Pipeline.text(row, "status")).isEqualTo("REJECTED");
        assertThat(Pipeline.text(row, "reason")).isEqualTo("NO_CONSENT");
        assertThat(verify("peggy", "enrolment without consent"))
                .as("what the erasure verifier found")
                .allSatisfy(trace -> {
                    assertThat(trace.store()).isEqualTo("dynamodb");
                    assertThat(trace.where()).endsWith(" OBJECT#" + pipeline.bucket() + "/" + key + " | STATUS");
                });
    }

    @Test
    @Order(14)
    void consentDocument_shouldBeRejectedWithTheReason_whenItBreaksTheSchema() throws Exception {
        String key = "consent/quentin.json";
        pipeline.upload(key, "{\"consentedBy\": \"subject\", \"purpose\": \"door\"}".getBytes(), Map.of());

        Map<String, AttributeValue> row = pipeline.awaitStatus(key, "RECORDED", "REJECTED");
        assertThat(Pipeline.text(row, "status")).isEqualTo("REJECTED");
        assertThat(Pipeline.text(row, "reason")).isEqualTo("INVALID_CONSENT");
        assertThat(Pipeline.text(row, "errorCode")).isEqualTo("INVALID_POLICY_VERSION");
    }

    @Test
    @Order(15)
    void consent_shouldAllowEnrolment_andItsWithdrawalEraseThePerson() throws Exception {
        // GIVEN Ruth's consent recorded through the API, then a photo of her enrolled
        HttpResponse<String> put = http.send("PUT", uri("/people/ruth/consent"), "application/json", CONSENT);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(ok(http.send("GET", uri("/people/ruth/consent"), null, null))
                        .path("valid")
                        .asBoolean())
                .isTrue();
        String key = "enroll/ruth/face.jpg";
        byte[] photo = otherFace(1);
        pipeline.upload(key, photo, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "REJECTED"), "status"))
                .isEqualTo("INDEXED");
        assertThat(identified(photo)).contains("ruth");

        // WHEN she withdraws her consent
        HttpResponse<String> withdrawn = http.send("DELETE", uri("/people/ruth/consent"), null, null);

        // THEN she is erased: recognition names nobody, and once S3's removal events are handled no store holds
        // anything of her
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(JSON.readTree(withdrawn.body()).at("/removed/faces").asInt()).isEqualTo(1);
        assertThat(identified(photo)).doesNotContain("ruth");
        assertThat(verify("ruth", "consent withdrawn"))
                .as("what the erasure verifier found")
                .isEmpty();
    }

    /** A crop of face {@code i} of a group photo of other people than the enrolled ones. */
    private static byte[] otherFace(int i) throws Exception {
        byte[] others = GroupPhotos.read(GroupPhotos.sample(6));
        return GroupPhotos.crop(others, pipeline.detectFaces(others).get(i).boundingBox(), 0.5f);
    }

    private static List<String> identified(byte[] photo) throws Exception {
        List<String> people = new ArrayList<>();
        ok(http.send("POST", uri("/identify"), "image/jpeg", photo))
                .path("faces")
                .forEach(face -> people.add(face.at("/identity/personId").asText()));
        return people;
    }

    /** Waits until the enrolment function has handled the events before a new upload's, then searches every store. */
    private static List<Trace> verify(String personId, String scenario) throws Exception {
        String later = "enroll/late-" + personId + "/blank.jpg";
        pipeline.upload(later, GroupPhotos.blank(200, 200), Map.of());
        pipeline.awaitStatus(later, "REJECTED", "INDEXED");
        try (ErasureVerifier verifier = ErasureVerifier.connect(
                twin.endpoints(), twin.settings().region(), twin.settings().dataDirectory())) {
            ErasureReport report = verifier.search(personId);
            System.out.println("erasure verifier, " + scenario + ": " + personId + " searched in " + report.read()
                    + "; traces found: " + report.traces());
            return report.traces();
        }
    }

    private static String result() {
        return pipeline.s3()
                .getObjectAsBytes(b -> b.bucket(pipeline.bucket()).key("results/hall/group.jpg.json"))
                .asUtf8String();
    }

    private static String saltedHash(String salt, String id) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(HexFormat.of().parseHex(salt));
        digest.update(id.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void enrol(String personId, int face) throws InterruptedException {
        String key = "enroll/" + personId + "/face.jpg";
        pipeline.recordConsent(personId);
        pipeline.upload(key, GroupPhotos.crop(group, faces.get(face).boundingBox(), 0.5f), Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "REJECTED"), "status"))
                .isEqualTo("INDEXED");
    }

    private static URI uri(String path) {
        return URI.create(api + path);
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        return ok(response, 200);
    }

    private static JsonNode ok(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }
}
