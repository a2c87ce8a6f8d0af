package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.DeleteFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DisassociateFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Face;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceMatch;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.ListUsersResponse;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.SearchUsersResponse;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceDeletionReason;
import software.amazon.awssdk.services.rekognition.model.User;
import software.amazon.awssdk.services.rekognition.model.UserStatus;

/**
 * The recognition round trip through the AWS SDK against the running server and the real face engine: everyone
 * of one group photo is enrolled from a crop, under a user id each, and then recognised in that photo.
 */
class FaceRecognitionTest {

    private static final String COLLECTION = "family";
    private static final int GROUP = 5;
    private static final int OTHER_GROUP = 6;

    @TempDir
    static Path data;

    private static ServerFixture fixture;
    private static RekognitionClient rekognition;
    private static byte[] group;
    private static final List<Enrolled> people = new ArrayList<>();

    /** One enrolled person: their user id, the FaceId of their crop, where they are in the group photo. */
    private record Enrolled(String userId, String faceId, BoundingBox box, byte[] crop) {}

    @BeforeAll
    static void enrolEveryoneInTheGroupPhoto() {
        fixture = ServerFixture.start(server -> server.dataDirectory(data));
        rekognition = fixture.client;
        group = Photos.sample(GROUP);
        rekognition.createCollection(r -> r.collectionId(COLLECTION));
        List<FaceDetail> faces =
                rekognition.detectFaces(r -> r.image(Photos.image(group))).faceDetails();
        for (int i = 0; i < faces.size(); i++) {
            byte[] crop = Photos.crop(group, faces.get(i).boundingBox(), 0.5f);
            String externalImageId = "sample" + GROUP + "-face-" + i;
            IndexFacesResponse indexed = rekognition.indexFaces(r -> r.collectionId(COLLECTION)
                    .image(Photos.image(crop))
                    .externalImageId(externalImageId)
                    .maxFaces(1));
            String faceId = indexed.faceRecords().get(0).face().faceId();
            String userId = "person-" + i;
            rekognition.createUser(r -> r.collectionId(COLLECTION).userId(userId));
            rekognition.associateFaces(
                    r -> r.collectionId(COLLECTION).userId(userId).faceIds(faceId));
            people.add(new Enrolled(userId, faceId, faces.get(i).boundingBox(), crop));
        }
        rekognition.indexFaces(
                r -> r.collectionId(COLLECTION).image(Photos.image(group)).externalImageId("group"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void searchUsersByImage_shouldRecogniseEveryoneInTheGroupPhoto() {
        // GIVEN the faces DetectFaces finds in the group photo
        List<FaceDetail> faces =
                rekognition.detectFaces(r -> r.image(Photos.image(group))).faceDetails();
        assertThat(faces).hasSize(people.size()).hasSizeGreaterThanOrEqualTo(3);

        for (FaceDetail face : faces) {
            // WHEN each face's crop is searched among the users
            byte[] crop = Photos.crop(group, face.boundingBox(), 0.5f);
            SearchUsersByImageResponse found = rekognition.searchUsersByImage(
                    r -> r.collectionId(COLLECTION).image(Photos.image(crop)));

            // THEN the person enrolled from that place in the photo comes first, above the default threshold
            assertThat(found.userMatches()).isNotEmpty();
            assertThat(found.userMatches().get(0).user().userId())
                    .isEqualTo(enrolledAt(face.boundingBox()).userId());
            assertThat(found.userMatches().get(0).similarity()).isGreaterThanOrEqualTo(80f);
            assertThat(found.userMatches().get(0).user().userStatus()).isEqualTo(UserStatus.ACTIVE);
            assertThat(found.searchedFace().faceDetail().confidence()).isGreaterThan(50f);
        }
    }

    @Test
    void searchFaces_shouldFindEachEnrolledFaceInTheIndexedGroupPhoto() {
        for (Enrolled person : people) {
            // WHEN searching with the FaceId of a person's enrolment crop
            List<FaceMatch> matches = rekognition
                    .searchFaces(r -> r.collectionId(COLLECTION).faceId(person.faceId()))
                    .faceMatches();

            // THEN the best match is the same person's face in the indexed group photo, and not the face itself
            assertThat(matches).isNotEmpty();
            assertThat(matches).extracting(m -> m.face().faceId()).doesNotContain(person.faceId());
            assertThat(matches.get(0).face().externalImageId()).isEqualTo("group");
            assertThat(sameFace(matches.get(0).face().boundingBox(), person.box()))
                    .isTrue();
        }
    }

    @Test
    void search_shouldMatchNobody_whenFacesComeFromAnotherPhoto() {
        // GIVEN the faces of another group photo, of other people
        byte[] other = Photos.sample(OTHER_GROUP);
        List<FaceDetail> faces =
                rekognition.detectFaces(r -> r.image(Photos.image(other))).faceDetails();
        assertThat(faces).isNotEmpty();

        for (FaceDetail face : faces) {
            // WHEN each is searched among users and faces
            byte[] crop = Photos.crop(other, face.boundingBox(), 0.5f);
            SearchUsersByImageResponse users = rekognition.searchUsersByImage(
                    r -> r.collectionId(COLLECTION).image(Photos.image(crop)));
            List<FaceMatch> matches = rekognition
                    .searchFacesByImage(r -> r.collectionId(COLLECTION).image(Photos.image(crop)))
                    .faceMatches();

            // THEN nobody matches at the default threshold
            assertThat(users.userMatches()).isEmpty();
            assertThat(matches).isEmpty();
        }
    }

    @Test
    void searchUsers_shouldFindThePersonOfAFace_andLeaveOutTheSearchedUser() {
        for (Face inGroup : groupFaces()) {
            // WHEN searching users with the FaceId of a face of the indexed group photo (associated with nobody)
            Enrolled person = enrolledAt(inGroup.boundingBox());
            SearchUsersResponse byFace =
                    rekognition.searchUsers(r -> r.collectionId(COLLECTION).faceId(inGroup.faceId()));
            // AND with the person's UserId
            SearchUsersResponse byUser =
                    rekognition.searchUsers(r -> r.collectionId(COLLECTION).userId(person.userId()));

            // THEN the face finds its person first; the person's own search leaves the person out
            assertThat(byFace.searchedFace().faceId()).isEqualTo(inGroup.faceId());
            assertThat(byFace.userMatches()).isNotEmpty();
            assertThat(byFace.userMatches().get(0).user().userId()).isEqualTo(person.userId());
            assertThat(byFace.userMatches().get(0).similarity()).isGreaterThanOrEqualTo(95f);
            assertThat(byUser.searchedUser().userId()).isEqualTo(person.userId());
            assertThat(byUser.userMatches()).extracting(m -> m.user().userId()).doesNotContain(person.userId());
        }
    }

    @Test
    void searchFacesByImage_shouldApplyFaceMatchThreshold_onTheSimilarityItReports() {
        // GIVEN a person's crop and every face it resembles at all (threshold 0), most similar first: the crop
        // itself, then the person in the group photo
        Enrolled person = people.get(0);
        List<FaceMatch> all = rekognition
                .searchFacesByImage(r -> r.collectionId(COLLECTION)
                        .image(Photos.image(person.crop()))
                        .faceMatchThreshold(0f))
                .faceMatches();
        assertThat(all).hasSize(2 * people.size());
        assertThat(all).extracting(FaceMatch::similarity).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(all.get(0).face().faceId()).isEqualTo(person.faceId());
        assertThat(sameFace(all.get(1).face().boundingBox(), person.box())).isTrue();
        float second = all.get(1).similarity();
        assertThat(second).isLessThan(100f);

        // WHEN the threshold is the second similarity, then just above it
        List<FaceMatch> atSecond = rekognition
                .searchFacesByImage(r -> r.collectionId(COLLECTION)
                        .image(Photos.image(person.crop()))
                        .faceMatchThreshold(second))
                .faceMatches();
        List<FaceMatch> aboveSecond = rekognition
                .searchFacesByImage(r -> r.collectionId(COLLECTION)
                        .image(Photos.image(person.crop()))
                        .faceMatchThreshold(Math.nextUp(second) + 0.001f))
                .faceMatches();

        // THEN the threshold cuts exactly on the similarity reported
        assertThat(atSecond)
                .extracting(m -> m.face().faceId())
                .containsExactly(all.get(0).face().faceId(), all.get(1).face().faceId());
        assertThat(aboveSecond)
                .extracting(m -> m.face().faceId())
                .containsExactly(all.get(0).face().faceId());
    }

    @Test
    void users_shouldRoundTripThroughListDisassociateAndAssociate() {
        // GIVEN the enrolled people
        Enrolled first = people.get(0);

        // WHEN listing, then disassociating and re-associating the first person's face
        ListUsersResponse listed = rekognition.listUsers(r -> r.collectionId(COLLECTION));
        List<String> facesOfFirst =
                rekognition.listFaces(r -> r.collectionId(COLLECTION).userId(first.userId())).faces().stream()
                        .map(f -> f.faceId())
                        .toList();
        DisassociateFacesResponse disassociated = rekognition.disassociateFaces(
                r -> r.collectionId(COLLECTION).userId(first.userId()).faceIds(first.faceId()));
        UserStatus afterDisassociation = statusOf(first.userId());
        rekognition.associateFaces(
                r -> r.collectionId(COLLECTION).userId(first.userId()).faceIds(first.faceId()));

        // THEN every user is there and active, and the status follows the associations
        assertThat(listed.users())
                .extracting(User::userId)
                .containsExactlyElementsOf(
                        people.stream().map(Enrolled::userId).sorted().toList());
        assertThat(listed.users()).extracting(User::userStatus).containsOnly(UserStatus.ACTIVE);
        assertThat(facesOfFirst).containsExactly(first.faceId());
        assertThat(disassociated.disassociatedFaces())
                .extracting(f -> f.faceId())
                .containsExactly(first.faceId());
        assertThat(disassociated.userStatus()).isEqualTo(UserStatus.CREATED);
        assertThat(afterDisassociation).isEqualTo(UserStatus.CREATED);
        assertThat(statusOf(first.userId())).isEqualTo(UserStatus.ACTIVE);
        DescribeCollectionResponse described = rekognition.describeCollection(r -> r.collectionId(COLLECTION));
        assertThat(described.userCount()).isEqualTo(people.size());
        assertThat(described.faceCount()).isEqualTo(2L * people.size());
    }

    @Test
    void deleteFaces_shouldRefuseAssociatedFace_andSearchShouldFindNothingOnceDeleted() {
        // GIVEN a collection with one person enrolled as a user
        String collection = "deletions";
        Enrolled person = people.get(1);
        rekognition.createCollection(r -> r.collectionId(collection));
        String faceId = rekognition
                .indexFaces(r -> r.collectionId(collection).image(Photos.image(person.crop())))
                .faceRecords()
                .get(0)
                .face()
                .faceId();
        rekognition.createUser(r -> r.collectionId(collection).userId(person.userId()));
        rekognition.associateFaces(
                r -> r.collectionId(collection).userId(person.userId()).faceIds(faceId));

        // WHEN deleting the face while associated, then after disassociating it
        DeleteFacesResponse refused =
                rekognition.deleteFaces(r -> r.collectionId(collection).faceIds(faceId));
        rekognition.disassociateFaces(
                r -> r.collectionId(collection).userId(person.userId()).faceIds(faceId));
        DeleteFacesResponse deleted =
                rekognition.deleteFaces(r -> r.collectionId(collection).faceIds(faceId));

        // THEN the first delete is refused with the reason, the second deletes, and the face is found no more
        assertThat(refused.deletedFaces()).isEmpty();
        assertThat(refused.unsuccessfulFaceDeletions()).singleElement().satisfies(u -> {
            assertThat(u.faceId()).isEqualTo(faceId);
            assertThat(u.userId()).isEqualTo(person.userId());
            assertThat(u.reasons()).containsExactly(UnsuccessfulFaceDeletionReason.ASSOCIATED_TO_AN_EXISTING_USER);
        });
        assertThat(deleted.deletedFaces()).containsExactly(faceId);
        assertThat(rekognition
                        .searchFacesByImage(r -> r.collectionId(collection).image(Photos.image(person.crop())))
                        .faceMatches())
                .isEmpty();
        assertThat(rekognition
                        .searchUsersByImage(r -> r.collectionId(collection).image(Photos.image(person.crop())))
                        .userMatches())
                .isEmpty();
        assertThat(rekognition.listFaces(r -> r.collectionId(collection)).faces())
                .isEmpty();
    }

    @Test
    void restart_shouldKeepEverything_evenAfterATornWrite() throws IOException {
        // GIVEN the state before a stop
        List<String> facesBefore = faceIds();
        List<User> usersBefore =
                rekognition.listUsers(r -> r.collectionId(COLLECTION)).users();

        // WHEN the server stops, a record is torn in half at the end of every log, and it starts again
        fixture.restart(() -> {
            for (Path log : logs()) {
                try (FileChannel channel = FileChannel.open(log, StandardOpenOption.APPEND)) {
                    channel.write(ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 1, 2, 3}));
                }
            }
        });

        // THEN faces, users and their recognition are as before
        assertThat(faceIds()).isEqualTo(facesBefore);
        assertThat(rekognition.listUsers(r -> r.collectionId(COLLECTION)).users())
                .isEqualTo(usersBefore);
        Enrolled person = people.get(2);
        assertThat(rekognition
                        .searchUsersByImage(r -> r.collectionId(COLLECTION).image(Photos.image(person.crop())))
                        .userMatches()
                        .get(0)
                        .user()
                        .userId())
                .isEqualTo(person.userId());
    }

    private static List<String> faceIds() {
        return rekognition.listFacesPaginator(r -> r.collectionId(COLLECTION).maxResults(3)).faces().stream()
                .map(f -> f.faceId() + "/" + f.userId() + "/" + f.externalImageId())
                .toList();
    }

    private static List<Path> logs() throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.getFileName().toString().startsWith("log-"))
                    .toList();
        }
    }

    /** The faces indexed from the whole group photo. */
    private static List<Face> groupFaces() {
        return rekognition.listFacesPaginator(r -> r.collectionId(COLLECTION)).faces().stream()
                .filter(f -> "group".equals(f.externalImageId()))
                .toList();
    }

    private static UserStatus statusOf(String userId) {
        return rekognition.listUsers(r -> r.collectionId(COLLECTION)).users().stream()
                .filter(u -> u.userId().equals(userId))
                .findFirst()
                .orElseThrow()
                .userStatus();
    }

    private static Enrolled enrolledAt(BoundingBox box) {
        return people.stream().filter(p -> sameFace(p.box(), box)).findFirst().orElseThrow();
    }

    /** Whether two boxes frame the same face: their centres are less than half a face apart. */
    static boolean sameFace(BoundingBox a, BoundingBox b) {
        float dx = (a.left() + a.width() / 2) - (b.left() + b.width() / 2);
        float dy = (a.top() + a.height() / 2) - (b.top() + b.height() / 2);
        return Math.abs(dx) < a.width() / 2 && Math.abs(dy) < a.height() / 2;
    }
}
