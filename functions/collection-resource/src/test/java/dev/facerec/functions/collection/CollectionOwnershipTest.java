package dev.facerec.functions.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which collections the resource takes as its own: the one it created (tagged {@code facerec:owner}), never another
 * of the same id unless told to adopt it, and on Delete only its own. Through the real SDK client, the local
 * Rekognition server and the response URL.
 */
class CollectionOwnershipTest {

    private static CustomResourceCalls calls;
    private static LocalCollections rekognition;

    @BeforeAll
    static void start() throws IOException {
        calls = new CustomResourceCalls();
        rekognition = calls.rekognition;
    }

    @AfterAll
    static void stop() {
        calls.close();
    }

    @BeforeEach
    void reset() {
        calls.reset();
    }

    @Test
    void create_shouldTagTheCollectionWithItsOwnerAndTheStackTags() throws IOException {
        // WHEN
        calls.invoke("create-tagged", Map.of("collectionId", "faces-1", "removalPolicy", "retain", "adopt", "false"));

        // THEN
        assertThat(calls.onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(rekognition.tags("faces-1"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(CollectionOwner.TAG, LocalCollections.FIXTURE_OWNER.value(), "team", "doors"));
    }

    @Test
    void create_shouldFailNamingTheWayOut_whenACollectionItDidNotCreateHasTheId() throws IOException {
        // GIVEN a collection of that id, retained by a deleted stack (no owner tag of this resource)
        rekognition.add("faces-1", Map.of(CollectionOwner.TAG, "another-resource"));

        // WHEN
        calls.invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN the deployment fails with the reason, and the collection is left as it was
        ResponseUrlServer.Delivery answer = calls.onlyAnswer();
        assertThat(answer.field("Status")).isEqualTo("FAILED");
        assertThat(answer.field("Reason"))
                .startsWith("A collection with the id 'faces-1' already exists and was not created by this resource")
                .contains("FaceCollection.fromCollectionId", "adoptExistingCollection");
        assertThat(answer.field("PhysicalResourceId")).startsWith(CollectionResource.FAILED_CREATE_PREFIX);
        assertThat(rekognition.tags("faces-1")).isEqualTo(Map.of(CollectionOwner.TAG, "another-resource"));
        assertThat(rekognition.calls()).doesNotContainKeys("TagResource", "CreateCollection");
    }

    @Test
    void create_shouldTakeTheCollection_whenItCreatedItBefore() throws IOException {
        // GIVEN the collection this resource created (CloudFormation repeating a Create)
        rekognition.addOwned("faces-1");

        // WHEN
        calls.invoke("create", Map.of("collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN
        assertThat(calls.onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(calls.onlyAnswer().data())
                .containsEntry("Arn", "arn:aws:rekognition:us-east-1:000000000000:collection/faces-1");
        assertThat(rekognition.calls()).doesNotContainKey("CreateCollection");
    }

    @Test
    void create_shouldAdoptAndMarkTheCollection_whenAdoptExistingIsSet() throws IOException {
        // GIVEN a collection made by hand
        rekognition.add("faces-1");

        // WHEN
        calls.invoke("create-tagged", Map.of("collectionId", "faces-1", "removalPolicy", "retain", "adopt", "true"));

        // THEN it is this resource's from now on
        assertThat(calls.onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(rekognition.tags("faces-1"))
                .containsEntry(CollectionOwner.TAG, LocalCollections.FIXTURE_OWNER.value());
    }

    @Test
    void update_shouldBringTheTagsUpToDate_andMarkACollectionMadeBeforeOwnerTags() throws IOException {
        // GIVEN the resource's collection, created before collections carried an owner tag
        rekognition.add("faces-1", Map.of("team", "doors", "legacy", "x", "set-by-hand", "y"));

        // WHEN an Update keeps the id and changes the tags
        calls.invoke(
                "update-tags", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "retain"));

        // THEN tags dropped from the template go, the others are set, one set by hand stays
        assertThat(calls.onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(rekognition.tags("faces-1"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        CollectionOwner.TAG,
                        LocalCollections.FIXTURE_OWNER.value(),
                        "team",
                        "gates",
                        "cost-centre",
                        "42",
                        "set-by-hand",
                        "y"));
    }

    @Test
    void delete_shouldKeepTheCollection_whenAnotherResourceOwnsIt() throws IOException {
        // GIVEN a collection of that id that another resource owns
        rekognition.add("faces-1", Map.of(CollectionOwner.TAG, "another-resource"));

        // WHEN this resource is deleted under DESTROY
        calls.invoke("delete", Map.of("physicalId", "faces-1", "collectionId", "faces-1", "removalPolicy", "destroy"));

        // THEN the answer is SUCCESS (the stack can go) and the other's collection stays
        assertThat(calls.onlyAnswer().field("Status")).isEqualTo("SUCCESS");
        assertThat(rekognition.has("faces-1")).isTrue();
        assertThat(rekognition.calls()).doesNotContainKey("DeleteCollection");
    }
}
