package dev.facerec.functions.index;

import static dev.facerec.functions.core.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.testing.EventFixtures;
import dev.facerec.functions.core.testing.FaceColor;
import dev.facerec.functions.core.testing.SyntheticImages;
import dev.facerec.functions.index.testing.FunctionServices;
import dev.facerec.functions.index.testing.Uploaded;
import dev.facerec.functions.index.testing.WithLocalServices;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Removals in a versioned bucket: a delete marker removes the faces, a permanent delete of the indexed version
 * removes them too, and a permanent delete of another (older) version leaves the indexed one alone.
 *
 * <p>s3proxy has no versioning, so the photo is enrolled unversioned and its status row then records the version
 * it was indexed from, as it would in a versioned bucket; the removal events carry version ids as S3 sends them.
 */
class IndexFacesVersionTest extends WithLocalServices {

  private static final String INDEXED_VERSION = "3HL4kqtJvjVBH40Nrjfkd.v2";

  private final IndexFacesHandler handler =
      new IndexFacesHandler(services.clients(), services.config(), Clock.systemUTC());

  @Test
  void handleRequest_shouldKeepTheFace_whenAnotherVersionIsDeletedPermanently() throws IOException {
    // GIVEN a photo indexed from its current version
    Uploaded photo = enrolledFromVersion("enroll/v1/p.jpg", FaceColor.RED);
    String faceId = AttributeValues.set(services.statusRow(photo.key()), "indexedFaceIds").get(0);

    // WHEN an older version of it is deleted for good
    String outcome = removed(photo.key(), "ObjectRemoved:Delete", "olderVersion.v1");

    // THEN the object keeps its status and its face
    assertThat(outcome).isEqualTo("INDEXED");
    assertThat(AttributeValues.str(services.statusRow(photo.key()), "status")).isEqualTo("INDEXED");
    assertThat(services.collectionFaceIds()).contains(faceId);
    assertThat(services.faceRows("v1")).hasSize(1);
    assertThat(AttributeValues.num(services.personRow("v1"), "faceCount", -1)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} of version {1}")
  @CsvSource({
      "ObjectRemoved:DeleteMarkerCreated, deleteMarker.m1, hidden",
      "ObjectRemoved:Delete, " + INDEXED_VERSION + ", erased"})
  void handleRequest_shouldRemoveTheFace_whenTheIndexedVersionStopsBeingTheCurrentOne(String eventName,
      String versionId, String personId) throws IOException {
    // GIVEN a photo indexed from its current version
    Uploaded photo = enrolledFromVersion("enroll/" + personId + "/p.jpg", FaceColor.GREEN);
    String faceId = AttributeValues.set(services.statusRow(photo.key()), "indexedFaceIds").get(0);

    // WHEN that version stops being the current one
    String outcome = removed(photo.key(), eventName, versionId);

    // THEN its face, face row and person are gone
    assertThat(outcome).isEqualTo("REMOVED");
    assertThat(services.collectionFaceIds()).doesNotContain(faceId);
    assertThat(services.faceRows(personId)).isEmpty();
    assertThat(services.personRow(personId)).isEmpty();
  }

  /** Enrols a one-face photo, then records on its status row the version it was indexed from. */
  private Uploaded enrolledFromVersion(String key, FaceColor color) throws IOException {
    Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 60, 60, 150)), Map.of());
    assertThat(created(handler, services.createdEvent(photo, services.nextSequencer()))).isEqualTo("INDEXED");
    services.dynamoDb().updateItem(b -> b.tableName(FunctionServices.TABLE)
        .key(TableKeys.statusKey(FunctionServices.BUCKET, key))
        .updateExpression("SET versionId = :v")
        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(INDEXED_VERSION))));
    return photo;
  }

  private String removed(String key, String eventName, String versionId) throws IOException {
    return invoke(handler, "enroll-version-removed-template.json", Map.of("bucket", FunctionServices.BUCKET,
        "key", EventFixtures.encodeKey(key), "eventName", eventName, "versionId", versionId,
        "sequencer", services.nextSequencer())).path("outcomes").get(0).asText();
  }
}
