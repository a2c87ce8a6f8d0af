package dev.facerec.engine.store;

import dev.facerec.engine.store.LogRecord.CollectionCreated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * All collections, kept in memory and, unless in-memory, journaled under {@code <data>/collections/<uuid>/} (one
 * directory a collection, named by a UUID because a CollectionId may be {@code ..}). Deleting a collection renames
 * its directory to {@code <uuid>.deleted} (atomic) before removing the files; leftovers are cleared on open.
 */
public final class CollectionStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CollectionStore.class.getName());
    private static final String DELETED = ".deleted";

    private final Path root;
    private final SearchSettings search;
    private final Map<String, Entry> collections = new ConcurrentSkipListMap<>();

    private record Entry(StoredCollection collection, Path directory) {}

    private CollectionStore(Path root, SearchSettings search) {
        this.root = root;
        this.search = search;
    }

    /** A store that keeps nothing on disk. */
    public static CollectionStore inMemory(SearchSettings search) {
        return new CollectionStore(null, search);
    }

    /** Opens (or starts) the store under {@code dataDirectory}, replaying every collection's journal. */
    public static CollectionStore open(Path dataDirectory, SearchSettings search) throws IOException {
        Path root = dataDirectory.resolve("collections");
        Files.createDirectories(root);
        CollectionStore store = new CollectionStore(root, search);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                if (dir.getFileName().toString().endsWith(DELETED)) {
                    deleteTree(dir);
                } else if (Files.isDirectory(dir)) {
                    store.load(dir);
                }
            }
        }
        return store;
    }

    private void load(Path dir) throws IOException {
        StoredCollection[] loaded = new StoredCollection[1];
        FileJournal journal = FileJournal.open(dir, record -> {
            if (loaded[0] != null) {
                loaded[0].apply(record);
            } else if (record instanceof CollectionCreated created) {
                loaded[0] = new StoredCollection(created.info(), search);
            } else {
                throw new UncheckedIOException(new IOException(dir + " does not start with a collection record"));
            }
        });
        if (loaded[0] == null) {
            journal.close();
            LOG.warning(() -> "removing " + dir + ": its collection was never fully created");
            deleteTree(dir);
            return;
        }
        loaded[0].attach(journal);
        collections.put(loaded[0].info().collectionId(), new Entry(loaded[0], dir));
    }

    /** Creates a collection; empty when one with that id exists. */
    public synchronized Optional<StoredCollection> create(CollectionInfo info) {
        if (collections.containsKey(info.collectionId())) {
            return Optional.empty();
        }
        StoredCollection collection = new StoredCollection(info, search);
        Path dir = null;
        if (root != null) {
            dir = root.resolve(UUID.randomUUID().toString());
            collection.attach(FileJournal.create(dir, new CollectionCreated(info)));
        }
        collections.put(info.collectionId(), new Entry(collection, dir));
        return Optional.of(collection);
    }

    public Optional<StoredCollection> find(String collectionId) {
        Entry entry = collections.get(collectionId);
        return entry == null ? Optional.empty() : Optional.of(entry.collection());
    }

    /** Collections in CollectionId order, starting after {@code after} (null: from the start). */
    public Page<CollectionInfo> list(String after, int max) {
        List<CollectionInfo> items = new ArrayList<>();
        for (Entry entry : collections.values()) {
            CollectionInfo info = entry.collection().info();
            if (after != null && info.collectionId().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == max) {
                return new Page<>(items, true);
            }
            items.add(info);
        }
        return new Page<>(items, false);
    }

    /** Deletes a collection and its files; false when there is none. */
    public synchronized boolean delete(String collectionId) {
        Entry entry = collections.remove(collectionId);
        if (entry == null) {
            return false;
        }
        entry.collection().close();
        if (entry.directory() != null) {
            try {
                Path doomed = entry.directory().resolveSibling(entry.directory().getFileName() + DELETED);
                Files.move(entry.directory(), doomed, StandardCopyOption.ATOMIC_MOVE);
                FileJournal.forceDirectory(root);
                deleteTree(doomed);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the files of a collection in " + entry.directory(), e);
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        collections.values().forEach(entry -> entry.collection().close());
        collections.clear();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
