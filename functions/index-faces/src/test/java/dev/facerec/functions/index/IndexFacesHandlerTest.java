package dev.facerec.functions.index;

import static dev.facerec.functions.core.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.table.Av;
import dev.facerec.functions.core.testing.FaceColor;
import dev.facerec.functions.core.testing.SyntheticImages;
import dev.facerec.functions.index.testing.FunctionServices;
import dev.facerec.functions.index.testing.FunctionServices.Uploaded;
import dev.facerec.functions.index.testing.WithLocalServices;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Enrolment through the handler, the real SDK clients, s3proxy, DynamoDB Local and the Rekognition stub. */
class IndexFacesHandlerTest extends WithLocalServices {

  private final IndexFacesHandler handler =
      new IndexFacesHandler(services.clients(), services.config(), Clock.systemUTC());

  @Test
  void handleRequest_shouldIndexTheFaceAndRecordPersonFaceAndStatus_whenAPhotoIsUploaded() throws IOException {
    // GIVEN a one-face photo uploaded under a key with spaces, '+' and unicode, with a (RFC 2047 encoded) name
    String key = "enroll/zoe.martin/summer party + ø.jpg";
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(640, 480, face(FaceColor.RED, 200, 120, 160)),
        Map.of("name", "=?UTF-8?B?Wm/DqyBNYXJ0aW4=?="));

    // WHEN its notification (fixture with the key as S3 encodes it) is handled
    JsonNode output = handle("enroll-encoded-key.json", Map.of("bucket", FunctionServices.BUCKET,
        "size", photo.size(), "eTag", photo.eTag()));

    // THEN the object is INDEXED, with one face row and the person row
    assertThat(output.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
    Map<String, AttributeValue> status = services.statusRow(key);
    assertThat(Av.str(status, "status")).isEqualTo("INDEXED");
    assertThat(Av.str(status, "personId")).isEqualTo("zoe.martin");
    assertThat(Av.str(status, "eTag")).isEqualTo(photo.eTag());
    assertThat(Av.str(status, "leaseId")).isNull();

    assertThat(services.faceRows("zoe.martin")).singleElement().satisfies(row -> {
      assertThat(Av.str(row, "sourceKey")).isEqualTo(key);
      assertThat(Av.str(row, "sourceETag")).isEqualTo(photo.eTag());
      assertThat(Av.str(row, "faceModelVersion")).isEqualTo("color-stub-1");
      assertThat(Av.str(row, "gsi1pk")).isEqualTo("OBJECT#" + FunctionServices.BUCKET + "/" + key);
      assertThat(row.get("boundingBox").m().get("Left").n()).startsWith("0.31");
      assertThat(Av.str(row, "externalImageId")).matches("[a-zA-Z0-9_.\\-:]{1,255}");
    });
    Map<String, AttributeValue> person = services.personRow("zoe.martin");
    assertThat(Av.str(person, "displayName")).isEqualTo("Zoë Martin");
    assertThat(Av.num(person, "faceCount", -1)).isEqualTo(1);
    assertThat(Av.str(person, "gsi1pk")).isEqualTo("PEOPLE");

    // AND the face is in the collection, associated to the person's user, indexed from the decoded key
    String faceId = Av.set(status, "indexedFaceIds").get(0);
    assertThat(services.collection().userOf(faceId)).isEqualTo("zoe.martin");
    JsonNode indexRequest = services.rekognitionStub().requests("IndexFaces").get(0);
    assertThat(indexRequest.at("/Image/S3Object/Name").asText()).isEqualTo(key);
    assertThat(indexRequest.path("MaxFaces").asInt()).isEqualTo(1);
  }

  @Test
  void handleRequest_shouldLeaveOneSetOfRows_whenTheSameEventIsDeliveredTwice() throws IOException {
    // GIVEN an uploaded photo and its notification
    Uploaded photo = services.upload("enroll/twice/p.jpg", SyntheticImages.jpeg(400, 400,
        face(FaceColor.GREEN, 100, 100, 150)), Map.of());
    Map<String, Object> event = services.createdEvent(photo, services.nextSequencer());

    // WHEN S3 delivers the notification twice
    JsonNode first = handle("object-created-template.json", event);
    JsonNode second = handle("object-created-template.json", event);

    // THEN the duplicate is recognised and nothing is indexed or recorded twice
    assertThat(first.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
    assertThat(second.path("outcomes").get(0).asText()).isEqualTo("DUPLICATE");
    assertThat(services.rekognitionStub().requests("IndexFaces")).hasSize(1);
    assertThat(services.faceRows("twice")).hasSize(1);
    assertThat(Av.num(services.personRow("twice"), "faceCount", -1)).isEqualTo(1);
  }

  @Test
  void handleRequest_shouldIgnoreTheUpload_whenItsDeletionWasProcessedFirst() throws IOException {
    // GIVEN a photo that was uploaded and then deleted, whose delete notification arrives first
    String key = "enroll/grace.hopper/late news.jpg";
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(400, 400, face(FaceColor.BLUE, 50, 50, 200)),
        Map.of());
    Map<String, Object> values = Map.of("bucket", FunctionServices.BUCKET, "size", photo.size(),
        "eTag", photo.eTag());
    JsonNode deletion = handle("enroll-out-of-order-delete.json", values);

    // WHEN the older upload notification arrives
    JsonNode upload = handle("enroll-out-of-order-put.json", values);

    // THEN it is out of order: nothing was indexed and the row stays REMOVED
    assertThat(deletion.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
    assertThat(upload.path("outcomes").get(0).asText()).isEqualTo("OUT_OF_ORDER");
    assertThat(services.rekognitionStub().requests("IndexFaces")).isEmpty();
    assertThat(Av.str(services.statusRow(key), "status")).isEqualTo("REMOVED");
    assertThat(services.faceRows("grace.hopper")).isEmpty();
  }

  @Test
  void handleRequest_shouldIgnoreTheTestEvent_whenS3SendsIt() throws IOException {
    JsonNode output = handle("test-event.json", Map.of());

    assertThat(output.path("ignored").asText()).isEqualTo("s3:TestEvent");
    assertThat(services.rekognitionStub().requests("IndexFaces")).isEmpty();
  }

  @Test
  void handleRequest_shouldRemoveFacesRowsPersonAndUser_whenTheLastEnrolmentPhotoIsDeleted() throws IOException {
    // GIVEN a person enrolled from two photos
    Uploaded one = services.upload("enroll/leaving/one.jpg", SyntheticImages.jpeg(300, 300,
        face(FaceColor.MAGENTA, 60, 60, 150)), Map.of("name", "Lea Ving"));
    Uploaded two = services.upload("enroll/leaving/two.png", SyntheticImages.png(300, 300,
        face(FaceColor.MAGENTA, 80, 40, 120)), Map.of());
    handle("object-created-template.json", services.createdEvent(one, services.nextSequencer()));
    handle("object-created-template.json", services.createdEvent(two, services.nextSequencer()));
    String faceOne = Av.set(services.statusRow(one.key()), "indexedFaceIds").get(0);
    String faceTwo = Av.set(services.statusRow(two.key()), "indexedFaceIds").get(0);

    // WHEN the first photo is deleted
    services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(one.key()));
    JsonNode first = handle("object-removed-template.json", services.removedEvent(one.key(),
        services.nextSequencer()));

    // THEN its face is gone from the collection and the table; the person keeps the other face
    assertThat(first.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
    assertThat(services.collection().faceIds(services.config().collectionId())).doesNotContain(faceOne)
        .contains(faceTwo);
    assertThat(services.faceRows("leaving")).extracting(row -> Av.str(row, "faceId")).containsExactly(faceTwo);
    assertThat(Av.num(services.personRow("leaving"), "faceCount", -1)).isEqualTo(1);
    assertThat(Av.set(services.statusRow(one.key()), "indexedFaceIds")).isEmpty();

    // WHEN the last photo is deleted too
    services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(two.key()));
    handle("object-removed-template.json", services.removedEvent(two.key(), services.nextSequencer()));

    // THEN nothing of the person is left: no face, no face row, no person row, no user
    assertThat(services.collection().faceIds(services.config().collectionId())).doesNotContain(faceTwo);
    assertThat(services.faceRows("leaving")).isEmpty();
    assertThat(services.personRow("leaving")).isEmpty();
    assertThat(services.collection().userIds(services.config().collectionId())).doesNotContain("leaving");
    assertThat(services.rekognitionStub().requests("DisassociateFaces")).hasSize(2);
  }

  @Test
  void handleRequest_shouldReplaceTheFace_whenThePhotoIsOverwritten() throws IOException {
    // GIVEN an enrolled photo
    String key = "enroll/renewed/portrait.jpg";
    Uploaded old = services.upload(key, SyntheticImages.jpeg(300, 300, face(FaceColor.CYAN, 50, 50, 150)),
        Map.of());
    handle("object-created-template.json", services.createdEvent(old, services.nextSequencer()));
    String oldFace = Av.set(services.statusRow(key), "indexedFaceIds").get(0);

    // WHEN a new photo is uploaded under the same key
    Uploaded renewed = services.upload(key, SyntheticImages.png(320, 320, face(FaceColor.CYAN, 90, 90, 130)),
        Map.of());
    JsonNode output = handle("object-created-template.json", services.createdEvent(renewed,
        services.nextSequencer()));

    // THEN the old face is gone and exactly one face, the new one, is recorded
    assertThat(output.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
    String newFace = Av.set(services.statusRow(key), "indexedFaceIds").get(0);
    assertThat(newFace).isNotEqualTo(oldFace);
    assertThat(services.collection().faceIds(services.config().collectionId())).doesNotContain(oldFace)
        .contains(newFace);
    assertThat(services.faceRows("renewed")).extracting(row -> Av.str(row, "faceId")).containsExactly(newFace);
    assertThat(Av.num(services.personRow("renewed"), "faceCount", -1)).isEqualTo(1);
  }

  private JsonNode handle(String fixture, Map<String, ?> values) throws IOException {
    return invoke(handler, fixture, values);
  }
}
