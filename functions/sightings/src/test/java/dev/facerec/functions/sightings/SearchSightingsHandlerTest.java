package dev.facerec.functions.sightings;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.EventPublisher;
import dev.facerec.functions.recognize.RecognizeFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/**
 * "Where was this face seen" against a log filled by the recognition handler: Alice (red, enrolled) and a stranger
 * (green) on 2026-11-23, the stranger alone on 2026-11-24 and on 2026-11-10 (out of the week); searched on
 * 2026-11-24.
 */
class SearchSightingsHandlerTest extends WithColorFaceEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SightingsLogConfig LOG = new SightingsLogConfig(FunctionServices.COLLECTION, 7);
    private static final String SEARCH_PREFIX = "sightings-search/";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private final SearchSightingsHandler handler = new SearchSightingsHandler(
            services.rekognition(),
            services.dynamoDb(),
            new SearchSettings(FunctionServices.TABLE, FunctionServices.BUCKET, SEARCH_PREFIX, 80f, LOG),
            NOW);

    @BeforeAll
    static void logSightings() throws IOException {
        AwsClients clients = new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
        FunctionConfig config = FunctionConfig.defaults(FunctionServices.TABLE);
        Uploaded alice = services.upload(
                "enroll/alice/portrait.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)),
                Map.of());
        assertThat(created(
                        new IndexFacesHandler(clients, config, NOW),
                        services.createdEvent(alice, services.nextSequencer())))
                .isEqualTo("INDEXED");
        RecognizeFacesHandler recognition = new RecognizeFacesHandler(clients, config, NOW, EventPublisher.NONE, LOG);
        recognise(
                recognition,
                "recognize/door/a.png",
                "2026-11-23T09:15:00.000Z",
                SyntheticImages.png(400, 300, face(FaceColor.RED, 40, 60, 120), face(FaceColor.GREEN, 260, 80, 100)));
        recognise(
                recognition,
                "recognize/door/b.png",
                "2026-11-24T08:00:00.000Z",
                SyntheticImages.png(400, 300, face(FaceColor.GREEN, 100, 100, 100)));
        recognise(
                recognition,
                "recognize/door/old.png",
                "2026-11-10T08:00:00.000Z",
                SyntheticImages.png(400, 300, face(FaceColor.GREEN, 100, 100, 100)));
    }

    @Test
    void handleRequest_shouldAnswerEverySightingOfTheFace_mostRecentFirst_withinTheDays() {
        // WHEN the stranger's face is searched over the whole week
        JsonNode answer = search(Map.of("image", bytes(FaceColor.GREEN)));

        // THEN both sightings of the week come back, the newest first, and not the one of 2026-11-10
        assertThat(answer.path("days").toString())
                .isEqualTo("[\"2026-11-24\",\"2026-11-23\",\"2026-11-22\",\"2026-11-21\",\"2026-11-20\","
                        + "\"2026-11-19\",\"2026-11-18\"]");
        JsonNode sightings = answer.path("sightings");
        assertThat(sightings).hasSize(2);
        JsonNode newest = sightings.get(0);
        assertThat(newest.path("day").asText()).isEqualTo("2026-11-24");
        assertThat(newest.path("seenAt").asText()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(newest.path("key").asText()).isEqualTo("recognize/door/b.png");
        assertThat(newest.path("bucket").asText()).isEqualTo(FunctionServices.BUCKET);
        assertThat(newest.path("similarity").asDouble()).isGreaterThanOrEqualTo(80);
        assertThat(newest.has("personId")).isFalse();
        JsonNode older = sightings.get(1);
        assertThat(older.path("key").asText()).isEqualTo("recognize/door/a.png");
        assertThat(older.path("seenAt").asText()).isEqualTo("2026-11-23T09:15:00Z");
        assertThat(older.at("/boundingBox/left").asDouble()).isCloseTo(260 / 400.0, offset(0.01));
        assertThat(older.at("/boundingBox/width").asDouble()).isCloseTo(100 / 400.0, offset(0.01));
        assertThat(answer.path("truncated").asBoolean()).isFalse();
        assertThat(answer.at("/searchedFace/boundingBox").isObject()).isTrue();
    }

    @Test
    void handleRequest_shouldNameThePerson_whenRecognitionIdentifiedTheFace_andReadAnImageByKey() {
        // GIVEN Alice's face uploaded under the search prefix
        services.upload(
                SEARCH_PREFIX + "alice.jpg",
                SyntheticImages.jpeg(200, 200, face(FaceColor.RED, 50, 50, 100)),
                Map.of());

        // WHEN
        JsonNode answer = search(Map.of("image", Map.of("s3Key", SEARCH_PREFIX + "alice.jpg"), "days", 2));

        // THEN
        assertThat(answer.path("sightings")).hasSize(1);
        assertThat(answer.at("/sightings/0/personId").asText()).isEqualTo("alice");
        assertThat(answer.at("/sightings/0/key").asText()).isEqualTo("recognize/door/a.png");
    }

    @Test
    void handleRequest_shouldSearchOnlyToday_whenOneDayIsAsked() {
        JsonNode answer = search(Map.of("image", bytes(FaceColor.GREEN), "days", 1, "maxSightings", 5));

        assertThat(answer.path("days").toString()).isEqualTo("[\"2026-11-24\"]");
        assertThat(answer.path("sightings")).hasSize(1);
        assertThat(answer.at("/sightings/0/key").asText()).isEqualTo("recognize/door/b.png");
    }

    @Test
    void handleRequest_shouldAnswerNoSighting_whenTheFaceWasNotSeen() {
        JsonNode answer = search(Map.of("image", bytes(FaceColor.CYAN)));

        assertThat(answer.path("sightings")).isEmpty();
        assertThat(answer.has("error")).isFalse();
    }

    @Test
    void handleRequest_shouldRefuseBadRequests_withTheirReason() {
        Map<String, Object> green = bytes(FaceColor.GREEN);
        assertRefused(Map.of("image", green, "days", 8), "INVALID_REQUEST", "days must be a whole number from 1 to 7");
        assertRefused(Map.of("image", green, "days", 1.5), "INVALID_REQUEST", "days must be a whole number");
        assertRefused(Map.of("image", green, "faceMatchThreshold", 101), "INVALID_REQUEST", "faceMatchThreshold");
        assertRefused(Map.of("image", green, "when", "today"), "INVALID_REQUEST", "unknown field 'when'");
        assertRefused(Map.of("days", 1), "INVALID_REQUEST", "image must be");
        assertRefused(
                Map.of("image", Map.of("s3Key", "recognize/door/a.png")),
                "INVALID_REQUEST",
                "image.s3Key must be a key under 'sightings-search/'");
        assertRefused(
                Map.of("image", Map.of("s3Key", SEARCH_PREFIX + "x.jpg", "bytes", "AAAA")),
                "INVALID_REQUEST",
                "exactly one of s3Key or bytes");
        assertRefused(Map.of("image", Map.of("bytes", "not base64!")), "INVALID_REQUEST", "not base64");
        assertRefused(
                Map.of("image", Map.of("bytes", Base64.getEncoder().encodeToString("hello".getBytes()))),
                "INVALID_IMAGE",
                "not a JPEG or PNG");
    }

    @Test
    void handleRequest_shouldRefuse_whenTheImageShowsNoFace_orIsMissing() {
        assertRefused(Map.of("image", Map.of("bytes", encode(SyntheticImages.jpeg(200, 200)))), "NO_FACE", "no face");
        assertRefused(Map.of("image", Map.of("s3Key", SEARCH_PREFIX + "missing.jpg")), "INVALID_IMAGE", "cannot read");
    }

    @Test
    void handleRequest_shouldFail_whenRekognitionThrottles() {
        services.faults().failNext("SearchFacesByImage", 1, ErrorType.THROTTLING);

        assertThatThrownBy(() -> search(Map.of("image", bytes(FaceColor.GREEN))))
                .isInstanceOf(ThrottlingException.class);
    }

    @Test
    void handleRequest_shouldLogCountsOnly() {
        TestContext context = new TestContext();
        handler.handleRequest(new HashMap<>(Map.of("image", Map.of("s3Key", SEARCH_PREFIX + "alice.jpg"))), context);
        handler.handleRequest(new HashMap<>(Map.of("image", bytes(FaceColor.RED))), context);

        assertThat(context.lines())
                .allSatisfy(line -> assertThat(line)
                        .startsWith("function=search-sightings outcome=")
                        .doesNotContain("alice", "recognize/", SEARCH_PREFIX));
    }

    private void assertRefused(Map<String, Object> request, String code, String message) {
        JsonNode answer = search(request);
        assertThat(answer.at("/error/code").asText()).as(request.toString()).isEqualTo(code);
        assertThat(answer.at("/error/message").asText()).as(request.toString()).contains(message);
        assertThat(answer.has("sightings")).isFalse();
    }

    private JsonNode search(Map<String, Object> request) {
        return JSON.valueToTree(handler.handleRequest(new HashMap<>(request), new TestContext()));
    }

    private static Map<String, Object> bytes(FaceColor color) {
        return Map.of("bytes", encode(SyntheticImages.jpeg(200, 200, face(color, 50, 50, 100))));
    }

    private static String encode(byte[] image) {
        return Base64.getEncoder().encodeToString(image);
    }

    private static void recognise(RecognizeFacesHandler handler, String key, String eventTime, byte[] photo)
            throws IOException {
        Uploaded upload = services.upload(key, photo, Map.of());
        Map<String, Object> values = new HashMap<>(services.createdEvent(upload, services.nextSequencer()));
        values.put("eventTime", eventTime);
        assertThat(invoke(handler, "object-created-at-template.json", values)
                        .path("outcomes")
                        .get(0)
                        .asText())
                .isEqualTo("RECOGNIZED");
    }
}
