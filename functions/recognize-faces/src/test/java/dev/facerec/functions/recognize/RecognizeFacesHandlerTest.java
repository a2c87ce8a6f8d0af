package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.config;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static java.time.temporal.ChronoUnit.MINUTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.ColorFaceEngine;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recognition cases that need exact geometry, on synthetic photos whose faces are coloured squares that the local
 * Rekognition server finds and identifies from the pixels ({@code ColorFaceEngine}; the happy path on real photos is
 * {@link FaceEngineRecognitionTest}). People are enrolled through the enrolment handler.
 */
class RecognizeFacesHandlerTest extends WithColorFaceEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecognizeFacesHandler handler =
            new RecognizeFacesHandler(clients(services), config(), Clock.systemUTC());

    @BeforeAll
    static void enrolAliceAndBob() throws IOException {
        IndexFacesHandler enrolment = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
        enrol(
                enrolment,
                "enroll/alice/portrait.jpg",
                FaceColor.RED,
                Map.of("name", "Alice Liddell", "lists", "vip,block"));
        enrol(enrolment, "enroll/bob/portrait.jpg", FaceColor.BLUE, Map.of());
    }

    @Test
    void handleRequest_shouldIdentifyASmallFace_whenALargerFaceReachesIntoItsCrop() throws IOException {
        // GIVEN Bob's small face right next to Alice's large one: Alice covers more of Bob's crop than Bob does
        Uploaded photo = services.upload(
                "recognize/close.png",
                SyntheticImages.png(500, 400, face(FaceColor.RED, 100, 100, 200), face(FaceColor.BLUE, 302, 122, 36)),
                Map.of());

        // WHEN
        handle("object-created-template.json", services.createdEvent(photo, services.nextSequencer()));

        // THEN Alice is painted out of Bob's crop, and each is identified
        JsonNode result = result("results/close.png.json");
        assertThat(faceAt(result, 100 / 500.0).at("/identity/personId").asText())
                .isEqualTo("alice");
        assertThat(faceAt(result, 302 / 500.0).at("/identity/personId").asText())
                .isEqualTo("bob");
        // AND Bob, on no list, has an empty list of lists; the photo's lists are Alice's
        assertThat(faceAt(result, 302 / 500.0).at("/identity/lists").toString()).isEqualTo("[]");
        assertThat(result.path("lists").toString()).isEqualTo("[\"block\",\"vip\"]");
    }

    @Test
    void handleRequest_shouldWriteEveryAttributeOfEveryFace_whenOneIsKnownAndOneIsNot() throws IOException {
        // GIVEN a 400x300 photo of Alice (red, enrolled with a name) and of a green face nobody enrolled
        String key = "recognize/schema/pair.png";
        Uploaded photo = services.upload(
                key,
                SyntheticImages.png(400, 300, face(FaceColor.RED, 40, 60, 120), face(FaceColor.GREEN, 260, 80, 100)),
                Map.of());

        // WHEN
        assertThat(handle("object-created-template.json", services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("RECOGNIZED");

        // THEN the document describes the photo
        JsonNode result = result("results/schema/pair.png.json");
        assertThat(fieldNames(result))
                .containsExactly(
                        "schemaVersion",
                        "source",
                        "processedAt",
                        "image",
                        "faceMatchThreshold",
                        "faceCount",
                        "identifiedCount",
                        "lists",
                        "notice",
                        "faces");
        assertThat(result.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(result.path("source").toString())
                .isEqualTo(JSON.createObjectNode()
                        .put("bucket", FunctionServices.BUCKET)
                        .put("key", key)
                        .put("eTag", photo.eTag())
                        .toString());
        assertThat(Instant.parse(result.path("processedAt").asText())).isCloseTo(Instant.now(), within(1, MINUTES));
        assertThat(result.path("image").toString()).isEqualTo("{\"format\":\"PNG\",\"width\":400,\"height\":300}");
        assertThat(result.path("faceMatchThreshold").asDouble()).isEqualTo(80.0);
        assertThat(result.path("faceCount").asInt()).isEqualTo(2);
        assertThat(result.path("identifiedCount").asInt()).isEqualTo(1);
        assertThat(result.path("notice").asText()).contains("appearance-based estimates");

        // AND Alice's face with every attribute, emotions sorted by confidence
        JsonNode alice = faceAt(result, 0.1);
        assertThat(fieldNames(alice))
                .containsExactly(
                        "index",
                        "boundingBox",
                        "confidence",
                        "identity",
                        "ageRange",
                        "gender",
                        "emotions",
                        "landmarks",
                        "pose",
                        "quality");
        assertRatios(alice.path("boundingBox"), Map.of("left", 0.1, "top", 0.2, "width", 0.3, "height", 0.4));
        assertThat(alice.path("confidence").asDouble()).isCloseTo(99.9, within(1e-4));
        assertThat(alice.at("/identity/status").asText()).isEqualTo("IDENTIFIED");
        assertThat(alice.at("/identity/personId").asText()).isEqualTo("alice");
        assertThat(alice.at("/identity/name").asText()).isEqualTo("Alice Liddell");
        assertThat(alice.at("/identity/lists").toString()).isEqualTo("[\"block\",\"vip\"]");
        assertThat(alice.at("/identity/similarity").asDouble())
                .isCloseTo(ColorFaceEngine.SAME_COLOR_SIMILARITY, within(1e-4));
        assertThat(alice.path("ageRange").toString()).isEqualTo("{\"low\":20,\"high\":28}");
        assertThat(alice.path("gender").toString()).isEqualTo("{\"value\":\"Female\",\"confidence\":95.0}");
        assertThat(alice.path("emotions").toString())
                .isEqualTo("[{\"type\":\"HAPPY\",\"confidence\":90.0},{\"type\":\"CALM\",\"confidence\":8.0}]");
        assertThat(alice.path("landmarks"))
                .extracting(l -> l.path("type").asText())
                .containsExactly("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");
        JsonNode eyeLeft = alice.path("landmarks").get(0);
        assertThat(eyeLeft.path("x").asDouble()).isCloseTo((40 + 0.3 * 120) / 400, within(1e-4));
        assertThat(eyeLeft.path("y").asDouble()).isCloseTo((60 + 0.35 * 120) / 300, within(1e-4));
        assertRatios(
                alice.path("pose"),
                Map.of(
                        "roll",
                        (double) ColorFaceEngine.POSE_ROLL,
                        "yaw",
                        (double) ColorFaceEngine.POSE_YAW,
                        "pitch",
                        (double) ColorFaceEngine.POSE_PITCH));
        assertThat(alice.path("quality").toString()).isEqualTo("{\"brightness\":80.0,\"sharpness\":90.0}");

        // AND the unknown face, searched but matched to nobody: no person id, name or similarity is invented
        JsonNode stranger = faceAt(result, 0.65);
        assertThat(stranger.path("identity").toString()).isEqualTo("{\"status\":\"UNKNOWN\"}");
        assertThat(stranger.path("gender").path("value").asText()).isEqualTo("Male");
        assertThat(List.of(alice.path("index").asInt(), stranger.path("index").asInt()))
                .containsExactlyInAnyOrder(0, 1);

        // AND the result row counts the same
        Map<String, AttributeValue> row =
                services.item(TableKeys.key(TableKeys.objectPk(FunctionServices.BUCKET, key), TableKeys.RESULT));
        assertThat(AttributeValues.str(row, "resultKey")).isEqualTo("results/schema/pair.png.json");
        assertThat(AttributeValues.num(row, "faceCount", -1)).isEqualTo(2);
        assertThat(AttributeValues.num(row, "identifiedCount", -1)).isEqualTo(1);
        assertThat(row.get("personIds").l()).extracting(AttributeValue::s).containsExactly("alice");
        assertThat(row.get("lists").l()).extracting(AttributeValue::s).containsExactly("block", "vip");
        assertThat(row.get("personLists").m()).containsOnlyKeys("alice");
        assertThat(row.get("personLists").m().get("alice").l())
                .extracting(AttributeValue::s)
                .containsExactly("block", "vip");
    }

    @Test
    void handleRequest_shouldLogNoKeyPersonOrName_whenSomeoneIsRecognised() throws IOException {
        // GIVEN an invocation context whose log is captured, and a photo of Alice under a telling key
        TestContext context = new TestContext();
        Uploaded photo = services.upload(
                "recognize/wonderland/tea party.jpg",
                SyntheticImages.jpeg(400, 300, face(FaceColor.RED, 100, 100, 120)),
                Map.of());

        // WHEN
        invoke(
                handler,
                "object-created-template.json",
                services.createdEvent(photo, services.nextSequencer()),
                context);

        // THEN the one log line, through the context's logger at INFO, gives the outcome and the object's hash
        assertThat(context.entries()).singleElement().satisfies(line -> {
            assertThat(line.level()).isEqualTo(LogLevel.INFO);
            assertThat(line.fields())
                    .containsEntry("function", "recognize-faces")
                    .containsEntry("outcome", "RECOGNIZED")
                    .containsEntry("object", OutcomeLog.objectRef(FunctionServices.BUCKET, photo.key()));
            // AND nothing of the key, the person or the name
            assertThat(line.message())
                    .doesNotContainIgnoringCase("alice")
                    .doesNotContainIgnoringCase("liddell")
                    .doesNotContain("wonderland")
                    .doesNotContain("party");
        });
    }

    @Test
    void handleRequest_shouldProcessOnce_whenTheSameEventIsDeliveredTwice() throws IOException {
        Uploaded photo = services.upload(
                "recognize/twice.jpg", SyntheticImages.jpeg(400, 300, face(FaceColor.RED, 100, 100, 120)), Map.of());
        Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

        String first = handle("object-created-template.json", event);
        String second = handle("object-created-template.json", event);

        assertThat(first).isEqualTo("RECOGNIZED");
        assertThat(second).isEqualTo("DUPLICATE");
        assertThat(services.faults().calls("DetectFaces")).isEqualTo(1);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertRatios(JsonNode node, Map<String, Double> expected) {
        assertThat(fieldNames(node)).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((field, value) ->
                assertThat(node.path(field).asDouble()).as(field).isCloseTo(value, within(1e-4)));
    }

    private static JsonNode faceAt(JsonNode result, double left) {
        for (JsonNode face : result.path("faces")) {
            if (Math.abs(face.at("/boundingBox/left").asDouble() - left) < 0.01) {
                return face;
            }
        }
        throw new AssertionError("no face at left=" + left + " in " + result);
    }

    private static JsonNode result(String key) throws IOException {
        return JSON.readTree(services.s3()
                .getObject(b -> b.bucket(FunctionServices.BUCKET).key(key), ResponseTransformer.toBytes())
                .asByteArray());
    }

    private static void enrol(IndexFacesHandler enrolment, String key, FaceColor color, Map<String, String> metadata)
            throws IOException {
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), metadata);
        assertThat(created(enrolment, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
    }

    private String handle(String fixture, Map<String, ?> values) throws IOException {
        return invoke(handler, fixture, values).path("outcomes").get(0).asText();
    }
}
