package dev.facerec.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionStoreTest {

    private final StoreFixtures fixtures = new StoreFixtures();

    @TempDir
    Path data;

    @Test
    void open_shouldRestoreEverything_whenStoreWasClosed() throws IOException {
        // GIVEN a collection with faces, a user with a face, and a remembered token
        float[] vector = fixtures.vector();
        NewFace face = fixtures.face(vector);
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.create(StoreFixtures.info("people")).orElseThrow();
            c.addFaces(List.of(face));
            c.addFaces(fixtures.faces(3));
            c.createUser("alice", new IdempotencyKey("CreateUser", "tok", "alice"), exists -> "{\"first\":true}");
            c.associateFaces("alice", List.of(face.face().faceId()), 0f, null, StoreFixtures::ok);
        }

        // WHEN the store is opened again
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.find("people").orElseThrow();

            // THEN faces, users, associations, vectors and tokens are back
            assertThat(c.info()).isEqualTo(StoreFixtures.info("people"));
            assertThat(c.faceCount()).isEqualTo(4);
            assertThat(c.face(face.face().faceId()).orElseThrow().userId()).isEqualTo("alice");
            assertThat(c.user("alice").orElseThrow().faceIds())
                    .containsExactly(face.face().faceId());
            assertThat(c.searchFaces(vector, 0.99f, 5, null))
                    .extracting(m -> m.face().faceId())
                    .containsExactly(face.face().faceId());
            assertThat(c.searchUsers(vector, 0.99f, 5, null)).hasSize(1);
            assertThat(c.createUser("alice", new IdempotencyKey("CreateUser", "tok", "alice"), exists -> "second"))
                    .isEqualTo("{\"first\":true}");
        }
    }

    @Test
    void open_shouldKeepEveryCompletedChange_whenProcessDiedWithoutClosing() throws IOException {
        // GIVEN changes made and never closed (the files are copied as they are, as after a kill)
        CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT);
        StoredCollection c = store.create(StoreFixtures.info("c")).orElseThrow();
        List<NewFace> faces = fixtures.faces(5);
        c.addFaces(faces);
        c.deleteFaces(List.of(faces.get(0).face().faceId()));
        Path copy = Files.createDirectory(data.resolveSibling(data.getFileName() + "-copy"));
        copyTree(data, copy);

        // WHEN the copy is opened
        try (CollectionStore reopened = CollectionStore.open(copy, SearchSettings.DEFAULT)) {
            // THEN both changes are there
            StoredCollection restored = reopened.find("c").orElseThrow();
            assertThat(restored.faceCount()).isEqualTo(4);
            assertThat(restored.face(faces.get(0).face().faceId())).isEmpty();
        }
        store.close();
    }

    @Test
    void open_shouldCutOffTornRecord_andAcceptNewChanges() throws IOException {
        // GIVEN a collection whose log ends with half a record, as when a crash interrupts a write
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.create(StoreFixtures.info("c")).orElseThrow();
            c.addFaces(fixtures.faces(2));
        }
        Path log = onlyFile("log-0.bin");
        long intactSize = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(new byte[] {0, 0, 2, 0, 1, 2, 3, 4, 9, 9, 9}));
        }

        // WHEN the store is opened and used
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.find("c").orElseThrow();

            // THEN the intact records are there, the torn one is gone from the file, and new changes are kept
            assertThat(c.faceCount()).isEqualTo(2);
            assertThat(Files.size(log)).isEqualTo(intactSize);
            c.addFaces(fixtures.faces(1));
        }
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            assertThat(store.find("c").orElseThrow().faceCount()).isEqualTo(3);
        }
    }

    @Test
    void open_shouldCutOffRecordWithBadChecksum() throws IOException {
        // GIVEN a log whose last record has a flipped byte
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.create(StoreFixtures.info("c")).orElseThrow();
            c.addFaces(fixtures.faces(1));
            c.createUser("u", null, StoreFixtures::ok);
        }
        Path log = onlyFile("log-0.bin");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            last.put(0, (byte) (last.get(0) ^ 0x55));
            last.rewind();
            channel.write(last, channel.size() - 1);
        }

        // WHEN it is opened
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            // THEN the record before survives and the damaged one is dropped
            StoredCollection c = store.find("c").orElseThrow();
            assertThat(c.faceCount()).isEqualTo(1);
            assertThat(c.userCount()).isZero();
        }
    }

    @Test
    void addFaces_shouldCompactIntoSnapshot_whenLogGrows_andReopenFromIt() throws IOException {
        // GIVEN enough faces to grow the log past the compaction size (8 MB at ~0.2 KB a 64-d face)
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.create(StoreFixtures.info("big")).orElseThrow();
            c.createUser("u", null, StoreFixtures::ok);
            for (int i = 0; i < 45; i++) {
                c.addFaces(fixtures.faces(1_000));
            }
            c.associateFaces("u", List.of(c.faces(null, 1).items().get(0).faceId()), -1f, null, StoreFixtures::ok);

            // THEN a snapshot replaced the first log
            assertThat(onlyFile("snapshot-1.bin")).exists();
            try (Stream<Path> files = Files.list(onlyFile("snapshot-1.bin").getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("log-0.bin");
            }
        }

        // WHEN reopened
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.find("big").orElseThrow();
            // THEN all faces and the association are there
            assertThat(c.faceCount()).isEqualTo(45_000);
            assertThat(c.user("u").orElseThrow().faceIds()).hasSize(1);
        }
    }

    @Test
    void delete_shouldRemoveCollectionAndItsFiles() throws IOException {
        // GIVEN two collections
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            store.create(StoreFixtures.info("keep")).orElseThrow().addFaces(fixtures.faces(1));
            store.create(StoreFixtures.info("drop")).orElseThrow().addFaces(fixtures.faces(1));

            // WHEN one is deleted
            boolean deleted = store.delete("drop");

            // THEN it is gone, in memory and on disk
            assertThat(deleted).isTrue();
            assertThat(store.delete("drop")).isFalse();
            assertThat(store.list(null, 10).items())
                    .extracting(CollectionInfo::collectionId)
                    .containsExactly("keep");
        }
        try (Stream<Path> dirs = Files.list(data.resolve("collections"))) {
            assertThat(dirs).hasSize(1);
        }
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            assertThat(store.find("drop")).isEmpty();
            assertThat(store.find("keep")).isPresent();
        }
    }

    @Test
    void changes_shouldAllBeKept_whenMadeConcurrentlyWithSearches() throws Exception {
        // GIVEN a persisted collection and eight threads that each add faces, create a user, associate a face and
        // search
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.create(StoreFixtures.info("busy")).orElseThrow();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String userId = "user-" + t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        List<NewFace> faces = new StoreFixtures().faces(5);
                        c.addFaces(faces);
                        c.searchFaces(faces.get(0).vector(), 0.5f, 10, null);
                        if (i == 0) {
                            c.createUser(userId, null, StoreFixtures::ok);
                            c.associateFaces(
                                    userId, List.of(faces.get(0).face().faceId()), -1f, null, StoreFixtures::ok);
                        }
                    }
                    return null;
                }));
            }

            // WHEN they have all finished
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();

            // THEN every change is there, in memory and after reopening
            assertThat(c.faceCount()).isEqualTo(8 * 20 * 5);
            assertThat(c.userCount()).isEqualTo(8);
        }
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            StoredCollection c = store.find("busy").orElseThrow();
            assertThat(c.faceCount()).isEqualTo(8 * 20 * 5);
            assertThat(c.users(null, 10).items())
                    .allSatisfy(u -> assertThat(u.faceIds()).hasSize(1));
        }
    }

    @Test
    void create_shouldRefuseExistingId() throws IOException {
        try (CollectionStore store = CollectionStore.open(data, SearchSettings.DEFAULT)) {
            // GIVEN a collection
            store.create(StoreFixtures.info("c")).orElseThrow();

            // WHEN creating it again THEN nothing is created
            assertThat(store.create(StoreFixtures.info("c"))).isEmpty();
        }
    }

    private Path onlyFile(String name) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.getFileName().toString().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
