package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusStore;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SampleFace;
import dev.facerec.functions.testing.SampleFaces;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithOnnxFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Enrolment through the handler and the real SDK clients against the twin's S3 server, DynamoDB Local and the local
 * Rekognition with its ONNX face engine, on faces cropped from the group photos of {@code @vladmandic/face-api}.
 */
class IndexFacesHandlerTest extends WithOnnxFaceEngine {

    private static List<SampleFace> faces;

    private final IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());

    @BeforeAll
    static void cropFaces() {
        faces = SampleFaces.faces(services.rekognition(), 5);
    }

    @Test
    void handleRequest_shouldIndexTheFaceAndRecordPersonFaceAndStatus_whenAPhotoIsUploaded() throws IOException {
        // GIVEN a one-face photo uploaded under a key with spaces, '+' and unicode, with a (RFC 2047 encoded) name
        String key = "enroll/zoe.martin/summer party + ø.jpg";
        Uploaded photo = services.upload(key, faces.get(0).crop(), Map.of("name", "=?UTF-8?B?Wm/DqyBNYXJ0aW4=?="));

        // WHEN its notification (fixture with the key as S3 encodes it) is handled
        JsonNode output = invoke(
                handler,
                "enroll-encoded-key.json",
                Map.of("bucket", FunctionServices.BUCKET, "size", photo.size(), "eTag", photo.eTag()));

        // THEN the object is INDEXED, with one face row and the person row
        assertThat(output.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
        Map<String, AttributeValue> status = statusRow(services, key);
        assertThat(AttributeValues.str(status, "status")).isEqualTo("INDEXED");
        assertThat(AttributeValues.str(status, "personId")).isEqualTo("zoe.martin");
        assertThat(AttributeValues.str(status, "eTag")).isEqualTo(photo.eTag());
        assertThat(AttributeValues.str(status, "leaseId")).isNull();
        String faceId = AttributeValues.set(status, "indexedFaceIds").get(0);

        assertThat(faceRows(services, "zoe.martin")).singleElement().satisfies(row -> {
            assertThat(AttributeValues.str(row, "faceId")).isEqualTo(faceId);
            assertThat(AttributeValues.str(row, "sourceKey")).isEqualTo(key);
            assertThat(AttributeValues.str(row, "sourceETag")).isEqualTo(photo.eTag());
            assertThat(AttributeValues.str(row, "faceModelVersion")).isNotBlank();
            assertThat(Double.parseDouble(row.get("confidence").n()))
                    .isGreaterThan(50.0)
                    .isLessThanOrEqualTo(100.0);
            assertThat(AttributeValues.str(row, "gsi1pk")).isEqualTo("OBJECT#" + FunctionServices.BUCKET + "/" + key);
            assertThat(row.get("boundingBox").m()).containsKeys("Left", "Top", "Width", "Height");
            assertThat(AttributeValues.str(row, "externalImageId")).isEqualTo(ExternalImageIds.forKey(key));
        });
        Map<String, AttributeValue> person = personRow(services, "zoe.martin");
        assertThat(AttributeValues.str(person, "displayName")).isEqualTo("Zoë Martin");
        assertThat(AttributeValues.num(person, "faceCount", -1)).isEqualTo(1);
        assertThat(AttributeValues.str(person, "gsi1pk")).isEqualTo("PEOPLE");

        // AND the face is in the collection, associated to the person's user
        assertThat(services.userFaceIds("zoe.martin")).containsExactly(faceId);
    }

    @Test
    void handleRequest_shouldLeaveOneSetOfRows_whenTheSameEventIsDeliveredTwice() throws IOException {
        // GIVEN an uploaded photo and its notification
        Uploaded photo = services.upload("enroll/twice/p.jpg", faces.get(1).crop(), Map.of());
        Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

        // WHEN S3 delivers the notification twice
        String first = created(handler, event);
        String second = created(handler, event);

        // THEN the duplicate is recognised and nothing is indexed or recorded twice
        assertThat(first).isEqualTo("INDEXED");
        assertThat(second).isEqualTo("DUPLICATE");
        assertThat(services.userFaceIds("twice")).hasSize(1);
        assertThat(faceRows(services, "twice")).hasSize(1);
        assertThat(AttributeValues.num(personRow(services, "twice"), "faceCount", -1))
                .isEqualTo(1);
    }

    @Test
    void handleRequest_shouldIgnoreTheUpload_whenItsDeletionWasProcessedFirst() throws IOException {
        // GIVEN a photo that was uploaded and then deleted, whose delete notification arrives first
        String key = "enroll/grace.hopper/late news.jpg";
        List<String> facesBefore = services.collectionFaceIds();
        Uploaded photo = services.upload(key, faces.get(2).crop(), Map.of());
        Map<String, Object> values =
                Map.of("bucket", FunctionServices.BUCKET, "size", photo.size(), "eTag", photo.eTag());
        JsonNode deletion = invoke(handler, "enroll-out-of-order-delete.json", values);

        // WHEN the older upload notification arrives
        JsonNode upload = invoke(handler, "enroll-out-of-order-put.json", values);

        // THEN it is out of order: nothing was indexed and the row stays REMOVED
        assertThat(deletion.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        assertThat(upload.path("outcomes").get(0).asText()).isEqualTo("OUT_OF_ORDER");
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(AttributeValues.str(statusRow(services, key), "status")).isEqualTo("REMOVED");
        assertThat(faceRows(services, "grace.hopper")).isEmpty();
    }

    @Test
    void handleRequest_shouldIgnoreTheTestEvent_whenS3SendsIt() throws IOException {
        List<String> facesBefore = services.collectionFaceIds();

        JsonNode output = invoke(handler, "test-event.json", Map.of());

        assertThat(output.path("outcomes").isArray()).isTrue();
        assertThat(output.path("outcomes")).isEmpty();
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
    }

    @Test
    void handleRequest_shouldRemoveFacesRowsPersonAndUser_whenTheLastEnrolmentPhotoIsDeleted() throws IOException {
        // GIVEN a person enrolled from two photos of the same face
        Uploaded one = services.upload("enroll/leaving/one.jpg", faces.get(3).crop(), Map.of("name", "Lea Ving"));
        Uploaded two = services.upload("enroll/leaving/two.jpg", faces.get(3).crop(), Map.of());
        created(handler, services.createdEvent(one, services.nextSequencer()));
        created(handler, services.createdEvent(two, services.nextSequencer()));
        String faceOne = AttributeValues.set(statusRow(services, one.key()), "indexedFaceIds")
                .get(0);
        String faceTwo = AttributeValues.set(statusRow(services, two.key()), "indexedFaceIds")
                .get(0);

        // WHEN the first photo is deleted
        services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(one.key()));
        JsonNode first = invoke(
                handler, "object-removed-template.json", services.removedEvent(one.key(), services.nextSequencer()));

        // THEN its face is gone from the collection and the table; the person keeps the other face
        assertThat(first.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        assertThat(services.collectionFaceIds()).doesNotContain(faceOne).contains(faceTwo);
        assertThat(services.userFaceIds("leaving")).containsExactly(faceTwo);
        assertThat(faceRows(services, "leaving"))
                .extracting(row -> AttributeValues.str(row, "faceId"))
                .containsExactly(faceTwo);
        assertThat(AttributeValues.num(personRow(services, "leaving"), "faceCount", -1))
                .isEqualTo(1);
        assertThat(AttributeValues.set(statusRow(services, one.key()), "indexedFaceIds"))
                .isEmpty();

        // WHEN the last photo is deleted too
        services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(two.key()));
        invoke(handler, "object-removed-template.json", services.removedEvent(two.key(), services.nextSequencer()));

        // THEN nothing of the person is left: no face, no face row, no person row, no user
        assertThat(services.collectionFaceIds()).doesNotContain(faceTwo);
        assertThat(faceRows(services, "leaving")).isEmpty();
        assertThat(personRow(services, "leaving")).isEmpty();
        assertThat(services.userIds()).doesNotContain("leaving");
    }

    @Test
    void handleRequest_shouldReplaceTheFace_whenThePhotoIsOverwritten() throws IOException {
        // GIVEN an enrolled photo
        String key = "enroll/renewed/portrait.jpg";
        Uploaded old = services.upload(key, faces.get(4).crop(), Map.of());
        created(handler, services.createdEvent(old, services.nextSequencer()));
        String oldFace =
                AttributeValues.set(statusRow(services, key), "indexedFaceIds").get(0);

        // WHEN a new photo (the same face, encoded again) is uploaded under the same key
        Uploaded renewed = services.upload(
                key,
                dev.facerec.functions.testing.SyntheticImages.encodeJpeg(javax.imageio.ImageIO.read(
                        new java.io.ByteArrayInputStream(faces.get(4).crop()))),
                Map.of());
        String outcome = created(handler, services.createdEvent(renewed, services.nextSequencer()));

        // THEN the old face is gone and exactly one face, the new one, is recorded
        assertThat(outcome).isEqualTo("INDEXED");
        String newFace =
                AttributeValues.set(statusRow(services, key), "indexedFaceIds").get(0);
        assertThat(newFace).isNotEqualTo(oldFace);
        assertThat(services.collectionFaceIds()).doesNotContain(oldFace).contains(newFace);
        assertThat(services.userFaceIds("renewed")).containsExactly(newFace);
        assertThat(faceRows(services, "renewed"))
                .extracting(row -> AttributeValues.str(row, "faceId"))
                .containsExactly(newFace);
        assertThat(AttributeValues.num(personRow(services, "renewed"), "faceCount", -1))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("fails if the enrolment photo shows several people, leaving nothing indexed")
    void handleRequest_rejectsGroupPhotos() throws IOException {
        // GIVEN a whole group photo uploaded as one person's enrolment photo
        List<String> facesBefore = services.collectionFaceIds();
        Uploaded group = services.upload("enroll/crowd/group.jpg", SampleFaces.photo(2), Map.of());

        // WHEN
        String outcome = created(handler, services.createdEvent(group, services.nextSequencer()));

        // THEN it is rejected, and the face IndexFaces took was deleted again
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, group.key()), "reason"))
                .isEqualTo("MULTIPLE_FACES");
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(personRow(services, "crowd")).isEmpty();
    }

    @Test
    void handleRequest_shouldDeleteTheFaceACrashedAttemptLeftUnrecorded_whenLambdaRetries() throws Exception {
        // GIVEN an enrolment whose first invocation died between IndexFaces and recording the face id
        Uploaded photo = services.upload("enroll/crashed/p.jpg", faces.get(0).crop(), Map.of());
        String sequencer = services.nextSequencer();
        String orphan = crashAfterIndexFaces(photo, sequencer);
        // AND a face of another key indexed the same way, which is none of this retry's business
        String bystander = indexUnrecorded(photo.key() + ".other", faces.get(0).crop());

        // WHEN Lambda retries the event
        String outcome = created(handler, services.createdEvent(photo, sequencer));

        // THEN the unrecorded face is gone and exactly one face, the recorded one, is left for the photo
        assertThat(outcome).isEqualTo("INDEXED");
        String recorded = AttributeValues.set(statusRow(services, photo.key()), "indexedFaceIds")
                .get(0);
        assertThat(services.collectionFaceIds()).doesNotContain(orphan).contains(recorded, bystander);
        assertThat(services.userFaceIds("crashed")).containsExactly(recorded);
        services.rekognition()
                .deleteFaces(b -> b.collectionId(FunctionServices.COLLECTION).faceIds(bystander));
    }

    @Test
    void handleRequest_shouldDeleteTheFaceACrashedAttemptLeftUnrecorded_whenThePhotoIsDeletedBeforeTheRetry()
            throws Exception {
        // GIVEN an enrolment whose invocation died between IndexFaces and recording the face id
        Uploaded photo =
                services.upload("enroll/crashed.gone/p.jpg", faces.get(1).crop(), Map.of());
        String orphan = crashAfterIndexFaces(photo, services.nextSequencer());

        // WHEN the photo is deleted, and its removal is handled before any retry of the upload
        services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(photo.key()));
        JsonNode removal = invoke(
                handler, "object-removed-template.json", services.removedEvent(photo.key(), services.nextSequencer()));

        // THEN nothing of the photo is left in the collection
        assertThat(removal.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        assertThat(services.collectionFaceIds()).doesNotContain(orphan);
        assertThat(personRow(services, "crashed.gone")).isEmpty();
    }

    /**
     * Leaves what an invocation that died right after IndexFaces leaves: a claim whose lease ran out, and a face in
     * the collection under the key's ExternalImageId that no row names. Returns that face's id.
     */
    private static String crashAfterIndexFaces(Uploaded photo, String sequencer) throws InterruptedException {
        S3ObjectEvent event = new S3ObjectEvent(
                "ObjectCreated:Put", FunctionServices.BUCKET, photo.key(), photo.size(), photo.eTag(), null, sequencer);
        new StatusStore(services.dynamoDb(), FunctionServices.TABLE, Clock.systemUTC())
                .claim(event, EnrollmentService.KIND, Duration.ZERO);
        byte[] bytes = services.s3()
                .getObjectAsBytes(b -> b.bucket(FunctionServices.BUCKET).key(photo.key()))
                .asByteArray();
        String faceId = indexUnrecorded(photo.key(), bytes);
        Thread.sleep(5);
        return faceId;
    }

    private static String indexUnrecorded(String key, byte[] photo) {
        return services.rekognition()
                .indexFaces(b -> b.collectionId(FunctionServices.COLLECTION)
                        .image(i -> i.bytes(SdkBytes.fromByteArray(photo)))
                        .externalImageId(ExternalImageIds.forKey(key))
                        .maxFaces(1))
                .faceRecords()
                .get(0)
                .face()
                .faceId();
    }
}
