package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The races the design expects, each forced at one point through the Rekognition server's interleaving hook: a newer
 * event of the same key takes the object over while an enrolment is between IndexFaces and its final write. The
 * superseded invocation ends without an error (outcome {@code SUPERSEDED}, logged once, nothing for Lambda to retry)
 * and the rows end as the newer event says.
 */
class IndexFacesInterleavingTest extends WithColorFaceEngine {

    private final IndexFacesHandler first = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
    private final IndexFacesHandler second = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOtherInvocation() {
        other.shutdownNow();
    }

    @ParameterizedTest(name = "the deletion right after {0}")
    @ValueSource(strings = {"IndexFaces", "AssociateFaces"})
    void createThenDelete_shouldEndRemoved_withoutAnError_whenTheDeleteArrivesDuringTheEnrolment(String operation)
            throws Exception {
        // GIVEN a photo whose deletion is handled right after IndexFaces (before the face ids are recorded on the
        // row) or AssociateFaces (after) for its upload
        String person = "cd-" + operation;
        Uploaded photo = upload("enroll/" + person + "/photo.jpg", FaceColor.RED);
        Map<String, Object> deletion = services.removedEvent(photo.key(), "FFFF" + services.nextSequencer());
        AtomicReference<Future<JsonNode>> removal = runDuring(operation, deletion, "object-removed-template.json");

        // WHEN the upload's event is handled
        TestContext context = new TestContext();
        JsonNode upload = invokeQuietly(first, services.createdEvent(photo, services.nextSequencer()), context);
        JsonNode removed = removal.get().get(30, TimeUnit.SECONDS);

        // THEN the enrolment was superseded without an error, the deletion removed the photo, nothing is left
        assertThat(upload.path("outcomes").get(0).asText()).isEqualTo("SUPERSEDED");
        assertThat(removed.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        assertThat(statusRow(services, photo.key()).get("status").s()).isEqualTo("REMOVED");
        assertThat(facesOf(photo.key())).isEmpty();
        assertThat(faceRows(services, person)).isEmpty();
        assertThat(personRow(services, person)).isEmpty();
        assertThat(context.lines())
                .filteredOn(line -> line.contains("SUPERSEDED"))
                .hasSize(1);
    }

    @Test
    void createThenCreate_shouldKeepOnlyTheNewerUpload_withoutAnError_whenItArrivesDuringTheEnrolment()
            throws Exception {
        // GIVEN a photo replaced under the same key while its first upload is between IndexFaces and its final write
        Uploaded older = upload("enroll/cc/photo.jpg", FaceColor.GREEN);
        String olderSequencer = services.nextSequencer();
        Uploaded newer = upload("enroll/cc/photo.jpg", FaceColor.GREEN);
        Map<String, Object> replacement = services.createdEvent(newer, "FFFF" + services.nextSequencer());
        AtomicReference<Future<JsonNode>> replaced =
                runDuring("IndexFaces", replacement, "object-created-template.json");

        // WHEN the older upload's event is handled
        JsonNode upload = invokeQuietly(first, services.createdEvent(older, olderSequencer), new TestContext());
        JsonNode latest = replaced.get().get(30, TimeUnit.SECONDS);

        // THEN the older one was superseded, the newer one indexed: one face, one row, counted once
        assertThat(upload.path("outcomes").get(0).asText()).isEqualTo("SUPERSEDED");
        assertThat(latest.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
        assertThat(facesOf(newer.key())).hasSize(1);
        assertThat(faceRows(services, "cc")).hasSize(1);
        assertThat(AttributeValues.num(personRow(services, "cc"), "faceCount", -1))
                .isEqualTo(1);
    }

    @Test
    void deleteOfARejectedPhoto_shouldEndRemoved() throws Exception {
        // GIVEN a photo that was rejected
        Uploaded notAnImage =
                services.upload("enroll/rj/notes.jpg", "not an image".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(created(first, services.createdEvent(notAnImage, services.nextSequencer())))
                .isEqualTo("REJECTED");

        // WHEN it is deleted
        services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(notAnImage.key()));
        JsonNode removed = invoke(
                first,
                "object-removed-template.json",
                services.removedEvent(notAnImage.key(), services.nextSequencer()));

        // THEN its row says REMOVED
        assertThat(removed.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        assertThat(statusRow(services, notAnImage.key()).get("status").s()).isEqualTo("REMOVED");
    }

    /** Runs the event on {@link #second}, on the other thread, right after the next {@code operation}. */
    private AtomicReference<Future<JsonNode>> runDuring(String operation, Map<String, Object> event, String fixture) {
        AtomicReference<Future<JsonNode>> result = new AtomicReference<>();
        services.faults().afterNext(operation, () -> {
            result.set(other.submit(() -> invoke(second, fixture, event)));
            try {
                // Long enough for the other event to claim the object; it then waits for the person's lock.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return result;
    }

    private static JsonNode invokeQuietly(IndexFacesHandler handler, Map<String, Object> event, TestContext context)
            throws Exception {
        return invoke(handler, "object-created-template.json", event, context);
    }

    /** The faces in the collection indexed from {@code key}. */
    private static List<String> facesOf(String key) {
        String externalImageId = ExternalImageIds.forKey(key);
        return services
                .rekognition()
                .listFacesPaginator(b -> b.collectionId(FunctionServices.COLLECTION))
                .faces()
                .stream()
                .filter(face -> externalImageId.equals(face.externalImageId()))
                .map(face -> face.faceId())
                .toList();
    }

    private static Uploaded upload(String key, FaceColor color) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 60, 60, 150)), Map.of());
    }
}
