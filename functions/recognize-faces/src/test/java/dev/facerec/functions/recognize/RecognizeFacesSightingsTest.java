package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.config;
import static dev.facerec.functions.recognize.RecognizeFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.engine.rekognition.ErrorType;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.sightings.SightingRows;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.ColorFace;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

/**
 * The sightings log of recognition, on synthetic photos: every face (enrolled or not) lands in the collection of
 * the event's UTC day (the fixtures' events are of 2026-11-23) with a row; faults of the log retry or are recorded.
 */
class RecognizeFacesSightingsTest extends WithColorFaceEngine {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final SightingsLogConfig LOG = new SightingsLogConfig(FunctionServices.COLLECTION, 7);
    private static final String DAY_COLLECTION = "facerec-faces-log-20261123";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private final RecognizeFacesHandler handler =
            new RecognizeFacesHandler(clients(services), config(), CLOCK, EventPublisher.NONE, LOG);

    @BeforeAll
    static void enrolAlice() throws IOException {
        IndexFacesHandler enrolment = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
        Uploaded photo = services.upload(
                "enroll/alice/portrait.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)),
                Map.of());
        assertThat(created(enrolment, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
    }

    @Test
    void handleRequest_shouldLogEveryFace_knownOrNot_inTheDaysCollection() throws IOException {
        // GIVEN a photo of Alice (red, enrolled) and of a stranger (green)
        Uploaded photo = photo("recognize/door/pair.png", FaceColor.RED, FaceColor.GREEN);

        // WHEN it is recognised
        assertThat(handle(photo)).isEqualTo("RECOGNIZED");

        // THEN both faces are in the day's collection, under the key's ExternalImageId
        List<Face> logged = facesOf(photo.key());
        assertThat(logged).hasSize(2);
        // AND each has a row saying where and when; Alice's names her
        List<Map<String, AttributeValue>> rows = logged.stream()
                .map(f -> services.item(SightingRows.key(DAY, f.faceId())))
                .toList();
        assertThat(rows).allSatisfy(row -> {
            assertThat(AttributeValues.str(row, SightingRows.OBJECT_KEY)).isEqualTo(photo.key());
            assertThat(AttributeValues.str(row, SightingRows.BUCKET)).isEqualTo(FunctionServices.BUCKET);
            assertThat(AttributeValues.str(row, SightingRows.ETAG)).isEqualTo(photo.eTag());
            assertThat(AttributeValues.str(row, SightingRows.SEEN_AT)).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(AttributeValues.str(row, SightingRows.DAY)).isEqualTo("2026-11-23");
            assertThat(AttributeValues.str(row, SightingRows.COLLECTION_ID)).isEqualTo(DAY_COLLECTION);
            assertThat(AttributeValues.str(row, TableKeys.GSI1_PK)).isEqualTo("SIGHTINGS#20261123");
            assertThat(AttributeValues.num(row, TableKeys.TTL, 0))
                    .isEqualTo(Instant.parse("2026-11-30T00:00:00Z").getEpochSecond());
        });
        Map<String, AttributeValue> alice = rowAt(rows, 40 / 400.0);
        assertThat(AttributeValues.str(alice, SightingRows.PERSON_ID)).isEqualTo("alice");
        assertThat(alice.get(SightingRows.SIMILARITY).n()).isNotNull();
        Map<String, AttributeValue> stranger = rowAt(rows, 260 / 400.0);
        assertThat(stranger).doesNotContainKey(SightingRows.PERSON_ID);
        // AND the status row counts them
        assertThat(AttributeValues.num(statusRow(services, photo.key()), SightingRows.STATUS_SIGHTING_COUNT, -1))
                .isEqualTo(2);
    }

    @Test
    void handleRequest_shouldUseTheDaysCollection_whenAnotherInvocationCreatedItFirst() throws IOException {
        // GIVEN the day of another photo, whose collection another invocation creates just as this one finds none
        Uploaded photo = photo("recognize/race/one.png", FaceColor.BLUE);
        String otherDay = "facerec-faces-log-20261124";
        services.faults()
                .afterNext("IndexFaces", () -> services.rekognition().createCollection(b -> b.collectionId(otherDay)));

        // WHEN its event is of the next day
        assertThat(handle(photo, "2026-11-24T08:00:00.000Z")).isEqualTo("RECOGNIZED");

        // THEN the face is in that collection all the same
        assertThat(services.rekognition()
                        .listFaces(b -> b.collectionId(otherDay))
                        .faces())
                .hasSize(1);
        // (the other invocation's CreateCollection, and this one's, refused as ResourceAlreadyExists)
        assertThat(services.faults().calls("CreateCollection")).isEqualTo(2);
    }

    @Test
    void handleRequest_shouldRethrow_whenIndexingIsThrottled_andLogOnRetry() throws IOException {
        Uploaded photo = photo("recognize/faults/throttled.png", FaceColor.YELLOW);
        services.faults().failNext("IndexFaces", 1, ErrorType.THROTTLING);

        assertThatThrownBy(() -> handle(photo)).isInstanceOf(ThrottlingException.class);
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "status"))
                .isEqualTo("PROCESSING");

        assertThat(handle(photo)).isEqualTo("RECOGNIZED");
        assertThat(facesOf(photo.key())).hasSize(1);
    }

    @Test
    void handleRequest_shouldKeepTheRecognition_whenTheLogMeetsANonRetryableError() throws IOException {
        // GIVEN a photo whose indexing is denied
        Uploaded photo = photo("recognize/faults/denied.png", FaceColor.MAGENTA);
        services.faults().failNext("IndexFaces", 1, ErrorType.ACCESS_DENIED);

        // WHEN
        assertThat(handle(photo)).isEqualTo("RECOGNIZED");

        // THEN the result is there, the status row names the error, and nothing was logged
        assertThat(services.s3()
                        .listObjectsV2(b -> b.bucket(FunctionServices.BUCKET).prefix("results/faults/denied.png"))
                        .contents())
                .hasSize(1);
        Map<String, AttributeValue> status = statusRow(services, photo.key());
        assertThat(AttributeValues.str(status, SightingRows.STATUS_SIGHTINGS_ERROR))
                .isEqualTo("AccessDeniedException");
        assertThat(status).doesNotContainKey(SightingRows.STATUS_SIGHTING_COUNT);
        assertThat(facesOf(photo.key())).isEmpty();
    }

    @Test
    void handleRequest_shouldLogNothing_whenTheLogIsOff() throws IOException {
        RecognizeFacesHandler off = new RecognizeFacesHandler(clients(services), config(), CLOCK);
        Uploaded photo = photo("recognize/off/cyan.png", FaceColor.CYAN);

        assertThat(created(off, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("RECOGNIZED");

        assertThat(facesOf(photo.key())).isEmpty();
        assertThat(statusRow(services, photo.key()))
                .doesNotContainKeys(SightingRows.STATUS_SIGHTING_COUNT, SightingRows.STATUS_SIGHTINGS_ERROR);
    }

    /** A 400x300 photo with a face of each colour: the first at x=40, the second at x=260. */
    private static Uploaded photo(String key, FaceColor... colors) {
        ColorFace[] faces = new ColorFace[colors.length];
        for (int i = 0; i < colors.length; i++) {
            faces[i] = face(colors[i], 40 + 220 * i, 60 + 20 * i, 120 - 20 * i);
        }
        return services.upload(key, SyntheticImages.png(400, 300, faces), Map.of());
    }

    /** The faces of the day's collection indexed from {@code key} (none when the collection does not exist). */
    private static List<Face> facesOf(String key) {
        if (!services.rekognition().listCollections().collectionIds().contains(DAY_COLLECTION)) {
            return List.of();
        }
        return services.rekognition().listFacesPaginator(b -> b.collectionId(DAY_COLLECTION)).faces().stream()
                .filter(f -> ExternalImageIds.forKey(key).equals(f.externalImageId()))
                .toList();
    }

    private static Map<String, AttributeValue> rowAt(List<Map<String, AttributeValue>> rows, double left) {
        return rows.stream()
                .filter(row -> Math.abs(AttributeValues.boundingBox(row, SightingRows.BOUNDING_BOX)
                                        .left()
                                - left)
                        < 0.01)
                .findFirst()
                .orElseThrow();
    }

    private String handle(Uploaded photo) throws IOException {
        return created(handler, services.createdEvent(photo, services.nextSequencer()));
    }

    private String handle(Uploaded photo, String eventTime) throws IOException {
        Map<String, Object> values = new HashMap<>(services.createdEvent(photo, services.nextSequencer()));
        values.put("eventTime", eventTime);
        return invoke(handler, "object-created-at-template.json", values)
                .path("outcomes")
                .get(0)
                .asText();
    }
}
