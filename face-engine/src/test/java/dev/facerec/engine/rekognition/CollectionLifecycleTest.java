package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.User;

/**
 * DeleteUser and DeleteCollection through the AWS SDK, on a persisted server: what they remove and what stays; and
 * concurrent calls on one collection.
 */
class CollectionLifecycleTest {

    @TempDir
    static Path data;

    private static ServerFixture fixture;
    private static RekognitionClient rekognition;
    private static byte[] face;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(server -> server.dataDirectory(data));
        rekognition = fixture.client;
        byte[] group = Photos.sample(3);
        FaceDetail first = rekognition
                .detectFaces(r -> r.image(Photos.image(group)))
                .faceDetails()
                .get(0);
        face = Photos.crop(group, first.boundingBox(), 0.5f);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void deleteUser_shouldRemoveTheUser_andLeaveItsFacesUnassociated() {
        // GIVEN a user with one face
        String collection = "users-deleted";
        rekognition.createCollection(r -> r.collectionId(collection));
        String faceId = indexFace(collection);
        rekognition.createUser(r -> r.collectionId(collection).userId("leaving"));
        rekognition.associateFaces(
                r -> r.collectionId(collection).userId("leaving").faceIds(faceId));

        // WHEN the user is deleted
        rekognition.deleteUser(r -> r.collectionId(collection).userId("leaving"));

        // THEN the user is gone and found by no search; the face stays, associated with nobody
        assertThat(rekognition.listUsers(r -> r.collectionId(collection)).users())
                .extracting(User::userId)
                .isEmpty();
        assertThat(rekognition
                        .searchUsersByImage(r -> r.collectionId(collection).image(Photos.image(face)))
                        .userMatches())
                .isEmpty();
        assertThat(rekognition.listFaces(r -> r.collectionId(collection)).faces())
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.faceId()).isEqualTo(faceId);
                    assertThat(f.userId()).isNull();
                });
        assertThat(rekognition
                        .describeCollection(r -> r.collectionId(collection))
                        .userCount())
                .isZero();
    }

    @Test
    void deleteCollection_shouldRemoveItsFacesAndUsers_evenAcrossARestart() throws Exception {
        // GIVEN a collection with a face and a user
        String collection = "deleted";
        rekognition.createCollection(r -> r.collectionId(collection));
        String faceId = indexFace(collection);
        rekognition.createUser(r -> r.collectionId(collection).userId("someone"));
        rekognition.associateFaces(
                r -> r.collectionId(collection).userId("someone").faceIds(faceId));

        // WHEN it is deleted, and the server restarts
        int status =
                rekognition.deleteCollection(r -> r.collectionId(collection)).statusCode();
        fixture.restart(() -> {});

        // THEN it is gone; a new collection of the same id starts empty
        assertThat(status).isEqualTo(200);
        assertThat(rekognition.listCollections(r -> {}).collectionIds()).doesNotContain(collection);
        assertThatThrownBy(() -> rekognition.describeCollection(r -> r.collectionId(collection)))
                .isInstanceOf(ResourceNotFoundException.class);
        rekognition.createCollection(r -> r.collectionId(collection));
        assertThat(rekognition.listFaces(r -> r.collectionId(collection)).faces())
                .extracting(Face::faceId)
                .isEmpty();
        assertThat(rekognition.listUsers(r -> r.collectionId(collection)).users())
                .isEmpty();
    }

    @Test
    void indexFaces_shouldKeepEveryFace_whenCalledConcurrentlyWithSearches() throws Exception {
        // GIVEN a collection and eight SDK calls at a time: four IndexFaces and four SearchFacesByImage, twice each
        String collection = "concurrent";
        rekognition.createCollection(r -> r.collectionId(collection));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> indexed = new ArrayList<>();
        List<Future<Integer>> searched = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                indexed.add(pool.submit(() -> rekognition
                        .indexFaces(r -> r.collectionId(collection).image(Photos.image(face)))
                        .faceRecords()
                        .size()));
                searched.add(pool.submit(() -> rekognition
                        .searchFacesByImage(r -> r.collectionId(collection).image(Photos.image(face)))
                        .faceMatches()
                        .size()));
            }

            // WHEN they have all answered
            int faces = 0;
            for (Future<Integer> f : indexed) {
                faces += f.get();
            }
            for (Future<Integer> f : searched) {
                assertThat(f.get()).isBetween(0, 8);
            }

            // THEN every indexed face is there once, and a search finds them all
            assertThat(faces).isEqualTo(8);
            assertThat(rekognition.listFaces(r -> r.collectionId(collection)).faces())
                    .extracting(Face::faceId)
                    .hasSize(8)
                    .doesNotHaveDuplicates();
            assertThat(rekognition
                            .searchFacesByImage(r -> r.collectionId(collection).image(Photos.image(face)))
                            .faceMatches())
                    .hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String indexFace(String collection) {
        return rekognition
                .indexFaces(r -> r.collectionId(collection).image(Photos.image(face)))
                .faceRecords()
                .get(0)
                .face()
                .faceId();
    }
}
