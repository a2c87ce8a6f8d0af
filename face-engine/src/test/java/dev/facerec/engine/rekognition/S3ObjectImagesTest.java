package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.s3.S3Client;

/** Images given as {@code S3Object}, read from the twin's S3 server (in memory). */
class S3ObjectImagesTest {

    private static final String BUCKET = "photos";

    private static LocalS3 localS3;
    private static S3Client s3;
    private static ServerFixture fixture;
    private static RekognitionClient rekognition;

    @BeforeAll
    static void start() throws Exception {
        localS3 = LocalS3.start(BUCKET);
        s3 = localS3.client;
        s3.putObject(r -> r.bucket(BUCKET).key("enroll/group photo.jpg"), RequestBody.fromBytes(Photos.sample(3)));
        fixture = ServerFixture.start(server -> server.s3Endpoint(localS3.endpoint));
        rekognition = fixture.client;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
        localS3.close();
    }

    @Test
    void indexFaces_shouldReadTheImageFromS3() {
        // GIVEN a collection
        rekognition.createCollection(r -> r.collectionId("from-s3"));

        // WHEN indexing an object by bucket and key, and detecting faces on it
        IndexFacesResponse indexed =
                rekognition.indexFaces(r -> r.collectionId("from-s3").image(object("enroll/group photo.jpg")));
        int detected = rekognition
                .detectFaces(r -> r.image(object("enroll/group photo.jpg")))
                .faceDetails()
                .size();

        // THEN the faces of the group photo are indexed
        assertThat(indexed.faceRecords()).hasSize(detected).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("fails if the object or the bucket does not exist")
    void detectFaces_failsIfObjectMissing() {
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(object("enroll/missing.jpg"))))
                .isInstanceOf(InvalidS3ObjectException.class);
        assertThatThrownBy(() -> rekognition.detectFaces(r ->
                        r.image(i -> i.s3Object(o -> o.bucket("no-such-bucket").name("a.jpg")))))
                .isInstanceOf(InvalidS3ObjectException.class);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("fails if the object is over 15 MB")
    void detectFaces_failsIfObjectOverFifteenMegabytes() {
        // GIVEN an object of 15 MB and one byte
        s3.putObject(r -> r.bucket(BUCKET).key("huge.jpg"), RequestBody.fromBytes(new byte[15 * 1024 * 1024 + 1]));

        // WHEN / THEN
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(object("huge.jpg"))))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("15 MB");
    }

    private static Image object(String key) {
        return Image.builder().s3Object(o -> o.bucket(BUCKET).name(key)).build();
    }
}
