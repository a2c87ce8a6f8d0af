package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.config;
import static dev.facerec.functions.recognize.RecognizeFixture.statusRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SampleFace;
import dev.facerec.functions.testing.SampleFaces;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithOnnxFaceEngine;
import java.awt.Rectangle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * The happy path on real photos and the real local face engine (the local Rekognition server on ONNX Runtime):
 * everyone in one group photo is enrolled from a crop through the enrolment handler, then the whole photo is
 * recognised through the recognition handler; the faces of another group photo stay unknown.
 */
class FaceEngineRecognitionTest extends WithOnnxFaceEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GROUP = 5;
    private static final int OTHER_GROUP = 6;
    private static final List<Enrolled> enrolled = new ArrayList<>();

    private final RecognizeFacesHandler recognition =
            new RecognizeFacesHandler(clients(services), config(), Clock.systemUTC());

    /** A person enrolled from the crop of one face of the group photo. */
    private record Enrolled(String personId, BoundingBox box) {}

    @BeforeAll
    static void enrolEveryoneInTheGroupPhoto() throws IOException {
        IndexFacesHandler enrolment = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
        List<SampleFace> faces = SampleFaces.faces(services.rekognition(), GROUP);
        for (int i = 0; i < faces.size(); i++) {
            String personId = "person-" + i;
            Uploaded crop = services.upload(
                    "enroll/" + personId + "/from group " + GROUP + ".jpg",
                    faces.get(i).crop(),
                    Map.of("name", "Person " + i));
            if ("INDEXED".equals(created(enrolment, services.createdEvent(crop, services.nextSequencer())))) {
                enrolled.add(new Enrolled(personId, faces.get(i).box()));
            }
        }
    }

    @Test
    void handleRequest_shouldRecogniseEveryEnrolledPerson_whenTheirGroupPhotoIsUploaded() throws IOException {
        // GIVEN at least three people enrolled from crops of the group photo, and the photo uploaded under a key with
        // spaces, '+' and unicode
        assertThat(enrolled).hasSizeGreaterThanOrEqualTo(3);
        String key = "recognize/party 2026/group + ø.jpg";
        Uploaded photo = services.upload(key, SampleFaces.photo(GROUP), Map.of());

        // WHEN its notification (fixture with the key as S3 encodes it) is handled
        String outcome = invoke(
                        recognition,
                        "recognize-encoded-key.json",
                        Map.of("bucket", FunctionServices.BUCKET, "size", photo.size(), "eTag", photo.eTag()))
                .path("outcomes")
                .get(0)
                .asText();

        // THEN the result is written under the results prefix (which triggers nothing), and each enrolled person is
        // identified at their place in the photo, with their name
        assertThat(outcome).isEqualTo("RECOGNIZED");
        String resultKey = "results/party 2026/group + ø.jpg.json";
        JsonNode result = result(resultKey);
        assertThat(result.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(result.at("/source/key").asText()).isEqualTo(key);
        assertEveryoneIdentified(result, false);

        // AND the status and result rows, both expiring after the configured days
        long expiry =
                Instant.now().plus(Duration.ofDays(config().resultTtlDays())).getEpochSecond();
        Map<String, AttributeValue> status = statusRow(services, key);
        assertThat(AttributeValues.str(status, "status")).isEqualTo("RECOGNIZED");
        assertThat(AttributeValues.str(status, "resultKey")).isEqualTo(resultKey);
        assertThat(AttributeValues.num(status, "ttl", 0)).isCloseTo(expiry, within(60L));
        Map<String, AttributeValue> row =
                services.item(TableKeys.key(TableKeys.objectPk(FunctionServices.BUCKET, key), TableKeys.RESULT));
        assertThat(AttributeValues.num(row, "faceCount", -1))
                .isEqualTo(result.path("faceCount").asInt());
        assertThat(row.get("personIds").l())
                .extracting(AttributeValue::s)
                .containsExactlyInAnyOrderElementsOf(
                        enrolled.stream().map(Enrolled::personId).toList());
        assertThat(AttributeValues.num(row, "ttl", 0)).isCloseTo(expiry, within(60L));
    }

    @Test
    void handleRequest_shouldCropTheOrientedPhoto_whenTheJpegCarriesAnExifOrientation() throws IOException {
        // GIVEN the group photo stored turned 90° and tagged "rotate 90° clockwise to display"
        var displayed = ImageIO.read(new ByteArrayInputStream(SampleFaces.photo(GROUP)));
        byte[] turned = SyntheticImages.withExifOrientation(
                SyntheticImages.encodeJpeg(SyntheticImages.storedForOrientation6(displayed)), 6);
        Uploaded photo = services.upload("recognize/family/turned.jpg", turned, Map.of());

        // WHEN
        String outcome = created(recognition, services.createdEvent(photo, services.nextSequencer()));

        // THEN the photo is read as displayed: same size, same places, same people
        assertThat(outcome).isEqualTo("RECOGNIZED");
        JsonNode result = result("results/family/turned.jpg.json");
        assertThat(result.at("/image/width").asInt()).isEqualTo(displayed.getWidth());
        assertEveryoneIdentified(result, true);
    }

    @Test
    void handleRequest_shouldIdentifyNobody_whenThePhotoShowsOtherPeople() throws IOException {
        // GIVEN another group photo, of people never enrolled
        Uploaded photo = services.upload("recognize/strangers.jpg", SampleFaces.photo(OTHER_GROUP), Map.of());

        // WHEN
        String outcome = created(recognition, services.createdEvent(photo, services.nextSequencer()));

        // THEN every face is found and described, and none is identified
        assertThat(outcome).isEqualTo("RECOGNIZED");
        JsonNode result = result("results/strangers.jpg.json");
        assertThat(result.path("faceCount").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(result.path("identifiedCount").asInt()).isZero();
        for (JsonNode face : result.path("faces")) {
            assertThat(face.at("/identity/status").asText()).isNotEqualTo("IDENTIFIED");
            assertThat(face.has("ageRange")).isTrue();
            assertThat(face.path("landmarks")).isNotEmpty();
        }
    }

    private static void assertEveryoneIdentified(JsonNode result, boolean approximate) {
        assertThat(result.path("faceCount").asInt()).isGreaterThanOrEqualTo(enrolled.size());
        for (Enrolled person : enrolled) {
            JsonNode face = faceAt(result, person.box(), approximate);
            assertThat(face.at("/identity/status").asText())
                    .as(person.personId())
                    .isEqualTo("IDENTIFIED");
            assertThat(face.at("/identity/personId").asText()).isEqualTo(person.personId());
            assertThat(face.at("/identity/name").asText())
                    .isEqualTo("Person " + person.personId().substring(7));
            assertThat(face.at("/identity/similarity").asDouble()).isGreaterThanOrEqualTo(80);
        }
        assertThat(result.path("identifiedCount").asInt()).isEqualTo(enrolled.size());
    }

    /** The result's face that covers at least half (a quarter, after re-encoding a turned photo) of {@code box}. */
    private static JsonNode faceAt(JsonNode result, BoundingBox box, boolean approximate) {
        Rectangle expected = rectangle(box.left(), box.top(), box.width(), box.height());
        for (JsonNode face : result.path("faces")) {
            Rectangle found = rectangle(
                    (float) face.at("/boundingBox/left").asDouble(),
                    (float) face.at("/boundingBox/top").asDouble(),
                    (float) face.at("/boundingBox/width").asDouble(),
                    (float) face.at("/boundingBox/height").asDouble());
            Rectangle overlap = expected.intersection(found);
            long area = (long) expected.width * expected.height;
            if (!overlap.isEmpty() && (long) overlap.width * overlap.height * (approximate ? 4 : 2) > area) {
                return face;
            }
        }
        throw new AssertionError("no face found where one was enrolled: " + box);
    }

    /** A ratio box in thousandths, for overlap tests. */
    private static Rectangle rectangle(float left, float top, float width, float height) {
        return new Rectangle(
                Math.round(left * 1000), Math.round(top * 1000), Math.round(width * 1000), Math.round(height * 1000));
    }

    private static JsonNode result(String key) throws IOException {
        return JSON.readTree(services.s3()
                .getObject(b -> b.bucket(FunctionServices.BUCKET).key(key), ResponseTransformer.toBytes())
                .asByteArray());
    }
}
