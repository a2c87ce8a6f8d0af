package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
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
 * <p>The tests' S3 server keeps no versions in memory, so the photo is enrolled unversioned and its status row then records the version
 * it was indexed from, as it would in a versioned bucket; the removal events carry version ids as S3 sends them.
 */
class IndexFacesVersionTest extends WithColorFaceEngine {

    private static final String INDEXED_VERSION = "3HL4kqtJvjVBH40Nrjfkd.v2";

    private final IndexFacesHandler handler = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());

    @Test
    void handleRequest_shouldKeepTheFace_whenAnotherVersionIsDeletedPermanently() throws IOException {
        // GIVEN a photo indexed from its current version
        Uploaded photo = enrolledFromVersion("enroll/v1/p.jpg", FaceColor.RED);
        String faceId = AttributeValues.set(statusRow(services, photo.key()), "indexedFaceIds")
                .get(0);

        // WHEN an older version of it is deleted for good
        String outcome = removed(photo.key(), "ObjectRemoved:Delete", "olderVersion.v1");

        // THEN the object keeps its status and its face
        assertThat(outcome).isEqualTo("INDEXED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "status"))
                .isEqualTo("INDEXED");
        assertThat(services.collectionFaceIds()).contains(faceId);
        assertThat(faceRows(services, "v1")).hasSize(1);
        assertThat(AttributeValues.num(personRow(services, "v1"), "faceCount", -1))
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} of version {1}")
    @CsvSource({
        "ObjectRemoved:DeleteMarkerCreated, deleteMarker.m1, hidden",
        "ObjectRemoved:Delete, " + INDEXED_VERSION + ", erased"
    })
    void handleRequest_shouldRemoveTheFace_whenTheIndexedVersionStopsBeingTheCurrentOne(
            String eventName, String versionId, String personId) throws IOException {
        // GIVEN a photo indexed from its current version
        Uploaded photo = enrolledFromVersion("enroll/" + personId + "/p.jpg", FaceColor.GREEN);
        String faceId = AttributeValues.set(statusRow(services, photo.key()), "indexedFaceIds")
                .get(0);

        // WHEN that version stops being the current one
        String outcome = removed(photo.key(), eventName, versionId);

        // THEN its face, face row and person are gone
        assertThat(outcome).isEqualTo("REMOVED");
        assertThat(services.collectionFaceIds()).doesNotContain(faceId);
        assertThat(faceRows(services, personId)).isEmpty();
        assertThat(personRow(services, personId)).isEmpty();
    }

    /** Enrols a one-face photo, then records on its status row the version it was indexed from. */
    private Uploaded enrolledFromVersion(String key, FaceColor color) throws IOException {
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 60, 60, 150)), Map.of());
        assertThat(created(handler, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
        services.dynamoDb()
                .updateItem(b -> b.tableName(FunctionServices.TABLE)
                        .key(TableKeys.statusKey(FunctionServices.BUCKET, key))
                        .updateExpression("SET versionId = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(INDEXED_VERSION))));
        return photo;
    }

    private String removed(String key, String eventName, String versionId) throws IOException {
        return invoke(
                        handler,
                        "enroll-version-removed-template.json",
                        Map.of(
                                "bucket",
                                FunctionServices.BUCKET,
                                "key",
                                EventFixtures.encodeKey(key),
                                "eventName",
                                eventName,
                                "versionId",
                                versionId,
                                "sequencer",
                                services.nextSequencer()))
                .path("outcomes")
                .get(0)
                .asText();
    }
}
