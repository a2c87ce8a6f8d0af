package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.BadImages;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every bad enrolment input ends in a REJECTED row with its reason; nothing is thrown, nothing stays indexed. */
class IndexFacesRejectionTest extends WithColorFaceEngine {

    private final IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());

    static Stream<Arguments> badPhotos() {
        Stream<Arguments> common = BadImages.all().stream()
                .map(bad -> Arguments.of(
                        bad.description(),
                        "enroll/" + bad.fileName().replace('.', '-') + "/" + bad.fileName(),
                        bad.bytes(),
                        bad.reason()));
        Stream<Arguments> enrolment = Stream.of(
                Arguments.of(
                        "fails if the enrolment photo shows two faces",
                        "enroll/a9/couple.jpg",
                        SyntheticImages.jpeg(
                                600, 300, face(FaceColor.RED, 50, 50, 150), face(FaceColor.BLUE, 350, 60, 140)),
                        "MULTIPLE_FACES"),
                Arguments.of(
                        "fails if the only face is under the 40 pixels a 1920x1080 photo needs",
                        "enroll/a11/far.jpg",
                        SyntheticImages.jpeg(1920, 1080, face(FaceColor.GREEN, 900, 500, 30)),
                        "LOW_QUALITY"),
                Arguments.of(
                        "fails if the person id is outside Rekognition's charset",
                        "enroll/bad id!/p.jpg",
                        SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 50, 50, 150)),
                        "INVALID_KEY"),
                Arguments.of(
                        "fails if the photo is not under a person id",
                        "enroll/p.jpg",
                        SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 50, 50, 150)),
                        "INVALID_KEY"));
        return Stream.concat(common, enrolment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPhotos")
    void handleRequest_rejects(String description, String key, byte[] bytes, String reason) throws IOException {
        // GIVEN a bad upload
        List<String> facesBefore = services.collectionFaceIds();
        Uploaded upload = services.upload(key, bytes, Map.of());

        // WHEN its notification is handled (nothing is thrown)
        String outcome = handle(services.createdEvent(upload, services.nextSequencer()));

        // THEN the status row says REJECTED with the reason and a detail, and no face was left in the collection
        Map<String, AttributeValue> status = statusRow(services, key);
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(status, "status")).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(status, "reason")).isEqualTo(reason);
        assertThat(AttributeValues.str(status, "detail")).isNotBlank();
        assertThat(AttributeValues.set(status, "indexedFaceIds")).isEmpty();
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
    }

    @Test
    @DisplayName("fails if a PNG claims 100000x100000 pixels, before Rekognition is asked")
    void handleRequest_rejectsPixelBombsFromTheHeader() throws IOException {
        // GIVEN a PNG whose header claims 10 billion pixels
        services.faults().clear();
        Uploaded bomb = services.upload("enroll/b1/bomb.png", SyntheticImages.pngClaiming(100_000, 100_000), Map.of());

        // WHEN
        handle(services.createdEvent(bomb, services.nextSequencer()));

        // THEN it was refused from its header: Rekognition never saw it
        assertThat(AttributeValues.str(statusRow(services, bomb.key()), "detail"))
                .contains("100000x100000");
        assertThat(services.faults().calls("IndexFaces")).isZero();
    }

    @Test
    @DisplayName("fails if the face does not match the person's enrolled faces")
    void handleRequest_rejectsAFaceOfSomeoneElse() throws IOException {
        // GIVEN a person enrolled with a red face
        Uploaded first = services.upload(
                "enroll/c1/one.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 50, 50, 150)), Map.of());
        handle(services.createdEvent(first, services.nextSequencer()));
        List<String> facesBefore = services.collectionFaceIds();

        // WHEN a photo of a blue face is enrolled for the same person
        Uploaded second = services.upload(
                "enroll/c1/two.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.BLUE, 50, 50, 150)), Map.of());
        String outcome = handle(services.createdEvent(second, services.nextSequencer()));

        // THEN the second photo is rejected, its face deleted, and the person keeps one face
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, second.key()), "reason"))
                .isEqualTo("FACE_MISMATCH");
        assertThat(faceRows(services, "c1")).hasSize(1);
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(AttributeValues.num(personRow(services, "c1"), "faceCount", -1))
                .isEqualTo(1);
    }

    private String handle(Map<String, Object> values) throws IOException {
        return created(handler, values);
    }
}
