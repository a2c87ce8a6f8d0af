package dev.facerec.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.engine.store.FaceFailure.Reason;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoredCollectionTest {

    private final StoreFixtures fixtures = new StoreFixtures();
    private final StoredCollection collection = CollectionStore.inMemory(SearchSettings.DEFAULT)
            .create(StoreFixtures.info("c"))
            .orElseThrow();

    @Test
    void deleteFaces_shouldRefuseAssociatedFaces_andReportMissingOnes() {
        // GIVEN two faces, one associated with a user
        List<NewFace> faces = fixtures.faces(2);
        collection.addFaces(faces);
        String associated = faces.get(0).face().faceId();
        String free = faces.get(1).face().faceId();
        collection.createUser("alice", null, StoreFixtures::ok);
        collection.associateFaces("alice", List.of(associated), 0f, null, StoreFixtures::ok);

        // WHEN deleting both and an unknown face
        DeletionResult result =
                collection.deleteFaces(List.of(associated, free, "00000000-0000-0000-0000-000000000000"));

        // THEN only the free one goes
        assertThat(result.deleted()).containsExactly(free);
        assertThat(result.failed())
                .extracting(FaceFailure::faceId, FaceFailure::userId, FaceFailure::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(associated, "alice", Reason.ASSOCIATED_TO_AN_EXISTING_USER),
                        org.assertj.core.groups.Tuple.tuple(
                                "00000000-0000-0000-0000-000000000000", null, Reason.FACE_NOT_FOUND));
        assertThat(collection.faceCount()).isEqualTo(1);
    }

    @Test
    void associateFaces_shouldRefuseFacesOfOtherUsersAndDissimilarFaces() {
        // GIVEN alice with one face, bob with another, a look-alike of alice's face and a stranger's face
        float[] aliceVector = fixtures.vector();
        NewFace alice1 = fixtures.face(aliceVector);
        NewFace alice2 = fixtures.face(fixtures.near(aliceVector, 0.8));
        NewFace stranger = fixtures.face(fixtures.near(aliceVector, 0.1));
        NewFace bobs = fixtures.face(fixtures.vector());
        collection.addFaces(List.of(alice1, alice2, stranger, bobs));
        collection.createUser("alice", null, StoreFixtures::ok);
        collection.createUser("bob", null, StoreFixtures::ok);
        collection.associateFaces("alice", List.of(alice1.face().faceId()), 0.5f, null, StoreFixtures::ok);
        collection.associateFaces("bob", List.of(bobs.face().faceId()), 0.5f, null, StoreFixtures::ok);

        // WHEN associating the look-alike, the stranger, bob's face and alice's first face again with alice
        AtomicReference<AssociationResult> result = new AtomicReference<>();
        collection.associateFaces(
                "alice",
                List.of(
                        alice2.face().faceId(),
                        stranger.face().faceId(),
                        bobs.face().faceId(),
                        alice1.face().faceId()),
                0.5f,
                null,
                r -> {
                    result.set(r);
                    return "{}";
                });

        // THEN only the look-alike joins; the already associated face is in neither list
        assertThat(result.get().succeeded()).containsExactly(alice2.face().faceId());
        assertThat(result.get().failed())
                .extracting(FaceFailure::faceId, FaceFailure::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(stranger.face().faceId(), Reason.LOW_MATCH_CONFIDENCE),
                        org.assertj.core.groups.Tuple.tuple(
                                bobs.face().faceId(), Reason.ASSOCIATED_TO_A_DIFFERENT_USER));
        assertThat(result.get().status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(collection.user("alice").orElseThrow().faceIds()).hasSize(2);
        assertThat(collection.face(alice2.face().faceId()).orElseThrow().userId())
                .isEqualTo("alice");
    }

    @Test
    void associateFaces_shouldChangeNothing_whenUserWouldExceedHundredFaces() {
        // GIVEN a user with 100 faces and one more face
        List<NewFace> faces = fixtures.faces(101);
        collection.addFaces(faces);
        collection.createUser("u", null, StoreFixtures::ok);
        List<String> first =
                faces.subList(0, 100).stream().map(f -> f.face().faceId()).toList();
        collection.associateFaces("u", first, -1f, null, StoreFixtures::ok);

        // WHEN associating the 101st
        AtomicReference<AssociationResult> result = new AtomicReference<>();
        collection.associateFaces("u", List.of(faces.get(100).face().faceId()), -1f, null, r -> {
            result.set(r);
            return "{}";
        });

        // THEN the result says over quota and nothing changed
        assertThat(result.get().overQuota()).isTrue();
        assertThat(collection.user("u").orElseThrow().faceIds()).hasSize(100);
        assertThat(collection.face(faces.get(100).face().faceId()).orElseThrow().userId())
                .isNull();
    }

    @Test
    void createUser_shouldAnswerFirstResponse_whenTokenIsReused_andRefuseOtherParameters() {
        // GIVEN a user created with a token
        IdempotencyKey key = new IdempotencyKey("CreateUser", "token-1", "alice");
        String first = collection.createUser("alice", key, exists -> exists ? "conflict" : "created");

        // WHEN the same request is repeated, and the token is used for another user
        String repeated = collection.createUser("alice", key, exists -> exists ? "conflict" : "created");

        // THEN the repeat gets the first answer and the other request is refused
        assertThat(first).isEqualTo("created");
        assertThat(repeated).isEqualTo("created");
        assertThat(collection.createUser("alice", null, exists -> exists ? "conflict" : "created"))
                .isEqualTo("conflict");
        assertThatThrownBy(() -> collection.createUser(
                        "bob", new IdempotencyKey("CreateUser", "token-1", "bob"), exists -> "created"))
                .isInstanceOf(IdempotencyMismatchException.class);
        assertThat(collection.userCount()).isEqualTo(1);
    }

    @Test
    void createUser_shouldWriteNothing_whenRenderRefuses() {
        // GIVEN an existing user
        collection.createUser("alice", null, StoreFixtures::ok);

        // WHEN a second create is refused by the caller's rendering
        assertThatThrownBy(
                        () -> collection.createUser("alice", new IdempotencyKey("CreateUser", "t", "alice"), exists -> {
                            throw new IllegalStateException("conflict");
                        }))
                .hasMessage("conflict");

        // THEN the token was not remembered: a retry is refused again rather than answered from memory
        assertThatThrownBy(
                        () -> collection.createUser("alice", new IdempotencyKey("CreateUser", "t", "alice"), exists -> {
                            throw new IllegalStateException("conflict again");
                        }))
                .hasMessage("conflict again");
    }

    @Test
    void searchUsers_shouldUseMeanOfUserFaces_andDeleteUserShouldFreeFaces() {
        // GIVEN a user with two faces of one person
        float[] person = fixtures.vector();
        NewFace a = fixtures.face(fixtures.near(person, 0.8));
        NewFace b = fixtures.face(fixtures.near(person, 0.8));
        collection.addFaces(List.of(a, b));
        collection.createUser("p", null, StoreFixtures::ok);
        collection.associateFaces("p", List.of(a.face().faceId(), b.face().faceId()), -1f, null, StoreFixtures::ok);

        // WHEN searching users with the person's vector, then deleting the user
        List<UserMatch> before = collection.searchUsers(person, 0.5f, 5, null);
        collection.deleteUser("p", null, StoreFixtures::ok);

        // THEN the user matched better than either face alone; afterwards its faces are free and it is gone
        assertThat(before).hasSize(1);
        assertThat(before.get(0).cosine()).isGreaterThan(0.85f);
        assertThat(collection.searchUsers(person, 0.5f, 5, null)).isEmpty();
        assertThat(collection.face(a.face().faceId()).orElseThrow().userId()).isNull();
        assertThat(collection.deleteFaces(List.of(a.face().faceId())).deleted()).hasSize(1);
    }

    @Test
    void faces_shouldPageInFaceIdOrder() {
        // GIVEN five faces
        collection.addFaces(fixtures.faces(5));

        // WHEN listing two at a time
        Page<StoredFace> first = collection.faces(null, 2);
        Page<StoredFace> second = collection.faces(first.items().get(1).faceId(), 2);
        Page<StoredFace> third = collection.faces(second.items().get(1).faceId(), 2);

        // THEN the pages cover all five once, in order
        assertThat(first.more()).isTrue();
        assertThat(third.more()).isFalse();
        List<String> ids = new java.util.ArrayList<>();
        List.of(first, second, third).forEach(p -> p.items().forEach(f -> ids.add(f.faceId())));
        assertThat(ids).hasSize(5).isSorted().doesNotHaveDuplicates();
    }
}
