package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ConflictException;
import software.amazon.awssdk.services.rekognition.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidPaginationTokenException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.ServiceQuotaExceededException;

/** Every error the server documents, raised through the AWS SDK with the exception class AWS would give. */
class RekognitionErrorsTest {

    private static final String COLLECTION = "errors";
    private static final String UNKNOWN_FACE = "00000000-0000-0000-0000-000000000000";

    private static ServerFixture fixture;
    private static RekognitionClient rekognition;
    private static byte[] face;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(server -> server);
        rekognition = fixture.client;
        rekognition.createCollection(r -> r.collectionId(COLLECTION));
        byte[] group = Photos.sample(3);
        face = Photos.crop(
                group,
                rekognition
                        .detectFaces(r -> r.image(Photos.image(group)))
                        .faceDetails()
                        .get(0)
                        .boundingBox(),
                0.5f);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("fails if a CollectionId has a character outside [a-zA-Z0-9_.-]")
    void createCollection_failsIfIdHasBadCharacter() {
        assertError(
                () -> rekognition.createCollection(r -> r.collectionId("my collection")),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "collectionId");
    }

    @Test
    @DisplayName("fails if a CollectionId is longer than 255")
    void createCollection_failsIfIdTooLong() {
        assertError(
                () -> rekognition.createCollection(r -> r.collectionId("c".repeat(256))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "length");
    }

    @Test
    @DisplayName("fails if the collection exists")
    void createCollection_failsIfExists() {
        assertError(
                () -> rekognition.createCollection(r -> r.collectionId(COLLECTION)),
                ResourceAlreadyExistsException.class,
                "ResourceAlreadyExistsException",
                400,
                "already exists");
    }

    @Test
    @DisplayName("fails if the collection does not exist")
    void operations_failIfCollectionMissing() {
        assertError(
                () -> rekognition.describeCollection(r -> r.collectionId("nowhere")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "nowhere");
        assertError(
                () -> rekognition.deleteCollection(r -> r.collectionId("nowhere")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "does not exist");
        assertError(
                () -> rekognition.indexFaces(r -> r.collectionId("nowhere").image(Photos.image(face))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "does not exist");
    }

    @Test
    @DisplayName("fails if an ExternalImageId has a character outside [a-zA-Z0-9_.-:] (a raw S3 key)")
    void indexFaces_failsIfExternalImageIdHasSlash() {
        assertError(
                () -> rekognition.indexFaces(r -> r.collectionId(COLLECTION)
                        .image(Photos.image(face))
                        .externalImageId("enroll/alice/photo 1.jpg")),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "externalImageId");
    }

    @Test
    @DisplayName("fails if a UserId is longer than 128 or has a bad character")
    void createUser_failsIfUserIdInvalid() {
        assertError(
                () -> rekognition.createUser(r -> r.collectionId(COLLECTION).userId("u".repeat(129))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "userId");
        assertError(
                () -> rekognition.createUser(r -> r.collectionId(COLLECTION).userId("alice/bob")),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "userId");
    }

    @Test
    @DisplayName("fails if FaceMatchThreshold is over 100 or MaxFaces under 1")
    void searchFaces_failsIfThresholdOrMaxOutOfRange() {
        assertError(
                () -> rekognition.searchFaces(
                        r -> r.collectionId(COLLECTION).faceId(UNKNOWN_FACE).faceMatchThreshold(101f)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "faceMatchThreshold");
        assertError(
                () -> rekognition.searchFaces(
                        r -> r.collectionId(COLLECTION).faceId(UNKNOWN_FACE).maxFaces(0)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "maxFaces");
    }

    @Test
    @DisplayName("fails if a FaceId is not a UUID")
    void searchFaces_failsIfFaceIdMalformed() {
        assertError(
                () -> rekognition.searchFaces(r -> r.collectionId(COLLECTION).faceId("not-a-face-id")),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "faceId");
    }

    @Test
    @DisplayName("fails if SearchFaces names a face the collection does not hold")
    void searchFaces_failsIfFaceUnknown() {
        assertError(
                () -> rekognition.searchFaces(r -> r.collectionId(COLLECTION).faceId(UNKNOWN_FACE)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "faceId was not found");
    }

    @Test
    @DisplayName("fails if SearchFacesByImage finds no face in the image")
    void searchFacesByImage_failsIfNoFace() {
        assertError(
                () -> rekognition.searchFacesByImage(
                        r -> r.collectionId(COLLECTION).image(Photos.image(Photos.noFace(400, 300)))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "no faces");
    }

    @Test
    @DisplayName("fails if CompareFaces finds no face in the source image")
    void compareFaces_failsIfNoFace() {
        assertError(
                () -> rekognition.compareFaces(r ->
                        r.sourceImage(Photos.image(Photos.noFace(400, 300))).targetImage(Photos.image(face))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "source image");
    }

    @Test
    @DisplayName("fails if the image is smaller than 80 pixels on a side")
    void detectFaces_failsIfImageTooSmall() {
        assertError(
                () -> rekognition.detectFaces(r -> r.image(Photos.image(Photos.noFace(79, 200)))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "");
    }

    @Test
    @DisplayName("fails if the bytes are not a JPEG or PNG (text, GIF, WebP, truncated JPEG)")
    void detectFaces_failsIfNotJpegOrPng() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1);
        byte[] webp = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] truncated = java.util.Arrays.copyOf(face, face.length / 3);
        for (byte[] bytes : List.of("not an image".getBytes(StandardCharsets.UTF_8), gif, webp, truncated)) {
            assertError(
                    () -> rekognition.detectFaces(r -> r.image(Photos.image(bytes))),
                    InvalidImageFormatException.class,
                    "InvalidImageFormatException",
                    400,
                    "format");
        }
    }

    @Test
    @DisplayName("fails if image bytes are over 5 MB")
    void detectFaces_failsIfBytesOverFiveMegabytes() {
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        new Random(1).nextBytes(big);
        assertError(
                () -> rekognition.detectFaces(r -> r.image(Photos.image(big))),
                ImageTooLargeException.class,
                "ImageTooLargeException",
                400,
                "5 MB");
    }

    @Test
    @DisplayName("fails if the image is wider than 10000 pixels, before decoding it")
    void detectFaces_failsIfDimensionsOverLimit() {
        assertError(
                () -> rekognition.detectFaces(r -> r.image(Photos.image(Photos.noFace(10_001, 80)))),
                ImageTooLargeException.class,
                "ImageTooLargeException",
                400,
                "10000");
    }

    @Test
    @DisplayName("fails if an Image has both Bytes and an S3Object")
    void detectFaces_failsIfImageHasBytesAndS3Object() {
        assertError(
                () -> rekognition.detectFaces(r ->
                        r.image(i -> i.bytes(Photos.image(face).bytes())
                                .s3Object(o -> o.bucket("photos").name("a.jpg")))),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "exactly one of Bytes and S3Object");
    }

    @Test
    @DisplayName("fails if ListFaces asks for more than 4096 results a page")
    void listFaces_failsIfMaxResultsOverLimit() {
        assertError(
                () -> rekognition.listFaces(r -> r.collectionId(COLLECTION).maxResults(4097)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "maxResults");
    }

    @Test
    @DisplayName("fails if an S3Object image is given and no S3 is configured")
    void detectFaces_failsIfS3NotConfigured() {
        assertError(
                () -> rekognition.detectFaces(
                        r -> r.image(i -> i.s3Object(o -> o.bucket("photos").name("a.jpg")))),
                InvalidS3ObjectException.class,
                "InvalidS3ObjectException",
                400,
                "S3");
    }

    @Test
    @DisplayName("fails if NextToken was not given by the server")
    void listFaces_failsIfTokenInvalid() {
        assertError(
                () -> rekognition.listFaces(r -> r.collectionId(COLLECTION).nextToken("not-a-token!")),
                InvalidPaginationTokenException.class,
                "InvalidPaginationTokenException",
                400,
                "token");
    }

    @Test
    @DisplayName("fails if the user exists (with another ClientRequestToken)")
    void createUser_failsIfUserExists() {
        rekognition.createUser(r -> r.collectionId(COLLECTION).userId("conflicted"));
        assertError(
                () -> rekognition.createUser(r -> r.collectionId(COLLECTION).userId("conflicted")),
                ConflictException.class,
                "ConflictException",
                400,
                "already exists");
    }

    @Test
    void createUser_shouldSucceedAgain_whenRepeatedWithSameToken() {
        // WHEN the same CreateUser is sent twice with one token
        rekognition.createUser(
                r -> r.collectionId(COLLECTION).userId("repeated").clientRequestToken("token-1"));
        rekognition.createUser(
                r -> r.collectionId(COLLECTION).userId("repeated").clientRequestToken("token-1"));

        // THEN both succeed and one user exists
        assertThat(rekognition.listUsers(r -> r.collectionId(COLLECTION)).users())
                .filteredOn(u -> u.userId().equals("repeated"))
                .hasSize(1);
    }

    @Test
    @DisplayName("fails if a ClientRequestToken is reused with other parameters")
    void createUser_failsIfTokenReusedForOtherUser() {
        rekognition.createUser(r -> r.collectionId(COLLECTION).userId("first").clientRequestToken("token-2"));
        assertError(
                () -> rekognition.createUser(
                        r -> r.collectionId(COLLECTION).userId("second").clientRequestToken("token-2")),
                IdempotentParameterMismatchException.class,
                "IdempotentParameterMismatchException",
                400,
                "token-2");
    }

    @Test
    @DisplayName("fails if the user does not exist")
    void userOperations_failIfUserMissing() {
        assertError(
                () -> rekognition.deleteUser(r -> r.collectionId(COLLECTION).userId("ghost")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "user");
        assertError(
                () -> rekognition.associateFaces(
                        r -> r.collectionId(COLLECTION).userId("ghost").faceIds(UNKNOWN_FACE)),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "user");
        assertError(
                () -> rekognition.searchUsers(r -> r.collectionId(COLLECTION).userId("ghost")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                400,
                "user");
    }

    @Test
    @DisplayName("fails if SearchUsers gets both a UserId and a FaceId")
    void searchUsers_failsIfBothIdsGiven() {
        assertError(
                () -> rekognition.searchUsers(
                        r -> r.collectionId(COLLECTION).userId("u").faceId(UNKNOWN_FACE)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "Exactly one");
    }

    @Test
    @DisplayName("fails if AssociateFaces gets more than 100 FaceIds")
    void associateFaces_failsIfOverHundredIds() {
        List<String> ids = java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> String.format("00000000-0000-0000-0000-%012d", i))
                .toList();
        assertError(
                () -> rekognition.associateFaces(
                        r -> r.collectionId(COLLECTION).userId("u").faceIds(ids)),
                InvalidParameterException.class,
                "InvalidParameterException",
                400,
                "faceIds");
    }

    @Test
    @DisplayName("fails if a user would have more than 100 faces")
    void associateFaces_failsIfUserWouldExceedHundredFaces() {
        // GIVEN 102 faces, indexed from a collage of one face repeated, and a user with 100 of them
        String collection = "quota";
        rekognition.createCollection(r -> r.collectionId(collection));
        byte[] collage = Photos.collage(face, 6, 6);
        List<String> faceIds = new java.util.ArrayList<>();
        while (faceIds.size() < 102) {
            rekognition
                    .indexFaces(r -> r.collectionId(collection).image(Photos.image(collage)))
                    .faceRecords()
                    .forEach(f -> faceIds.add(f.face().faceId()));
        }
        rekognition.createUser(r -> r.collectionId(collection).userId("crowd"));
        rekognition.associateFaces(
                r -> r.collectionId(collection).userId("crowd").faceIds(faceIds.subList(0, 100)));

        // WHEN two more are associated THEN the quota error comes
        assertError(
                () -> rekognition.associateFaces(
                        r -> r.collectionId(collection).userId("crowd").faceIds(faceIds.subList(100, 102))),
                ServiceQuotaExceededException.class,
                "ServiceQuotaExceededException",
                400,
                "100");
    }

    private static void assertError(
            ThrowingCallable call,
            Class<? extends RekognitionException> type,
            String code,
            int status,
            String messagePart) {
        assertThatThrownBy(call).isInstanceOf(type).satisfies(e -> {
            RekognitionException error = (RekognitionException) e;
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(error.statusCode()).isEqualTo(status);
            assertThat(error.awsErrorDetails().errorMessage()).containsIgnoringCase(messagePart);
        });
    }
}
