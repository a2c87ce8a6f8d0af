package dev.facerec.engine.store;

import dev.facerec.engine.search.Match;
import dev.facerec.engine.store.FaceFailure.Reason;
import dev.facerec.engine.store.LogRecord.Batch;
import dev.facerec.engine.store.LogRecord.FacesAdded;
import dev.facerec.engine.store.LogRecord.FacesAssociated;
import dev.facerec.engine.store.LogRecord.FacesDeleted;
import dev.facerec.engine.store.LogRecord.FacesDisassociated;
import dev.facerec.engine.store.LogRecord.TagsChanged;
import dev.facerec.engine.store.LogRecord.TokenRecorded;
import dev.facerec.engine.store.LogRecord.UserCreated;
import dev.facerec.engine.store.LogRecord.UserDeleted;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One Rekognition collection: its faces, users and their vectors, and the {@code ClientRequestToken}s it has seen.
 *
 * <p>Reads (listings, searches) run concurrently under a read lock; each change takes the write lock, is planned
 * against the current state, written to the journal as one record (forced to disk) and only then applied, so a
 * crash never leaves half a change.
 */
public final class StoredCollection {

    /** Rekognition's limit on faces associated with one user. */
    public static final int MAX_FACES_PER_USER = 100;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final CollectionState state;
    private Journal journal = Journal.none();
    private boolean closed;

    StoredCollection(CollectionInfo info, SearchSettings search) {
        this.state = new CollectionState(info, search);
    }

    void attach(Journal newJournal) {
        this.journal = newJournal;
    }

    void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            journal.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public CollectionInfo info() {
        return state.info;
    }

    /** The collection's current tags, in key order. */
    public SortedMap<String, String> tags() {
        return read(() -> Collections.unmodifiableSortedMap(new TreeMap<>(state.tags)));
    }

    /**
     * Adds (or overwrites) {@code added} and removes {@code removed}; nothing changes and false is returned when the
     * collection would then hold more than {@code maxTags} tags.
     */
    public boolean changeTags(Map<String, String> added, Collection<String> removed, int maxTags) {
        return write(() -> {
            TreeMap<String, String> next = new TreeMap<>(state.tags);
            next.putAll(added);
            removed.forEach(next::remove);
            if (next.size() > maxTags) {
                return false;
            }
            commit(List.of(new TagsChanged(next)));
            return true;
        });
    }

    public int faceCount() {
        return read(state.faces::size);
    }

    public int userCount() {
        return read(state.users::size);
    }

    public Optional<StoredFace> face(String faceId) {
        return read(() -> Optional.ofNullable(state.faces.get(faceId)));
    }

    public Optional<StoredUser> user(String userId) {
        return read(() ->
                Optional.ofNullable(state.users.get(userId)).map(set -> new StoredUser(userId, List.copyOf(set))));
    }

    /** Faces in FaceId order, starting after {@code after} (null: from the start). */
    public Page<StoredFace> faces(String after, int max) {
        return read(() -> page(after == null ? state.faces : state.faces.tailMap(after, false), max));
    }

    /** The faces of {@code userId} in FaceId order, starting after {@code after}; empty when the user is absent. */
    public Page<StoredFace> facesOfUser(String userId, String after, int max) {
        return read(() -> {
            TreeSet<String> ids = state.users.get(userId);
            if (ids == null) {
                return new Page<>(List.of(), false);
            }
            return pageOf(after == null ? ids : ids.tailSet(after, false), max);
        });
    }

    /** Those of {@code faceIds} that exist, in FaceId order, starting after {@code after}. */
    public Page<StoredFace> facesAmong(Collection<String> faceIds, String after, int max) {
        return read(() -> {
            TreeSet<String> ids = new TreeSet<>(faceIds);
            ids.retainAll(state.faces.keySet());
            return pageOf(after == null ? ids : ids.tailSet(after, false), max);
        });
    }

    /** Users in UserId order, starting after {@code after}. */
    public Page<StoredUser> users(String after, int max) {
        return read(() -> {
            NavigableMap<String, TreeSet<String>> tail =
                    after == null ? state.users : state.users.tailMap(after, false);
            List<StoredUser> items = new ArrayList<>();
            for (Map.Entry<String, TreeSet<String>> e : tail.entrySet()) {
                if (items.size() == max) {
                    return new Page<>(items, true);
                }
                items.add(new StoredUser(e.getKey(), List.copyOf(e.getValue())));
            }
            return new Page<>(items, false);
        });
    }

    /** The stored vector of a face (unit length), or null. */
    public float[] faceVector(String faceId) {
        return state.faceIndex.vector(faceId);
    }

    /** The vector of a user (the normalised mean of its faces'), or null when it has no face. */
    public float[] userVector(String userId) {
        return state.userIndex.vector(userId);
    }

    public List<FaceMatch> searchFaces(float[] query, float minCosine, int limit, String excludeFaceId) {
        return read(() -> {
            List<FaceMatch> matches = new ArrayList<>();
            for (Match m : state.faceIndex.search(query, minCosine, limit, excludeFaceId)) {
                matches.add(new FaceMatch(state.faces.get(m.key()), m.cosine()));
            }
            return matches;
        });
    }

    public List<UserMatch> searchUsers(float[] query, float minCosine, int limit, String excludeUserId) {
        return read(() -> {
            List<UserMatch> matches = new ArrayList<>();
            for (Match m : state.userIndex.search(query, minCosine, limit, excludeUserId)) {
                matches.add(new UserMatch(new StoredUser(m.key(), List.copyOf(state.users.get(m.key()))), m.cosine()));
            }
            return matches;
        });
    }

    /** Adds new faces (IndexFaces). */
    public void addFaces(List<NewFace> newFaces) {
        if (!newFaces.isEmpty()) {
            write(() -> commit(List.of(new FacesAdded(newFaces))));
        }
    }

    /** Deletes faces that exist and are not associated with a user (DeleteFaces). */
    public DeletionResult deleteFaces(List<String> faceIds) {
        return write(() -> {
            List<String> deleted = new ArrayList<>();
            List<FaceFailure> failed = new ArrayList<>();
            for (String faceId : new TreeSet<>(faceIds)) {
                StoredFace face = state.faces.get(faceId);
                if (face == null) {
                    failed.add(new FaceFailure(faceId, null, Reason.FACE_NOT_FOUND, Float.NaN));
                } else if (face.userId() != null) {
                    failed.add(
                            new FaceFailure(faceId, face.userId(), Reason.ASSOCIATED_TO_AN_EXISTING_USER, Float.NaN));
                } else {
                    deleted.add(faceId);
                }
            }
            if (!deleted.isEmpty()) {
                commit(List.of(new FacesDeleted(deleted)));
            }
            return new DeletionResult(deleted, failed);
        });
    }

    /**
     * CreateUser. {@code render} turns "did the user already exist" into the response, or throws (nothing is then
     * written).
     */
    public String createUser(String userId, IdempotencyKey key, Function<Boolean, String> render) {
        return idempotent(
                key,
                () -> state.users.containsKey(userId),
                render,
                exists -> exists ? List.of() : List.of(new UserCreated(userId)));
    }

    /** DeleteUser (its faces are disassociated). {@code render} gets whether the user existed. */
    public String deleteUser(String userId, IdempotencyKey key, Function<Boolean, String> render) {
        return idempotent(
                key,
                () -> state.users.containsKey(userId),
                render,
                exists -> exists ? List.of(new UserDeleted(userId)) : List.of());
    }

    /**
     * AssociateFaces. A face joins the user unless it is missing, belongs to another user, or (when the user already
     * has faces) its cosine similarity to the user's vector is below {@code minCosine}.
     */
    public String associateFaces(
            String userId,
            List<String> faceIds,
            float minCosine,
            IdempotencyKey key,
            Function<AssociationResult, String> render) {
        return idempotent(
                key,
                () -> state.planAssociation(userId, faceIds, minCosine),
                render,
                result -> result.succeeded().isEmpty() || result.overQuota()
                        ? List.of()
                        : List.of(new FacesAssociated(userId, result.succeeded())));
    }

    /** DisassociateFaces. Faces not associated with any user are ignored (in neither list). */
    public String disassociateFaces(
            String userId, List<String> faceIds, IdempotencyKey key, Function<AssociationResult, String> render) {
        return idempotent(
                key,
                () -> state.planDisassociation(userId, faceIds),
                render,
                result -> result.succeeded().isEmpty()
                        ? List.of()
                        : List.of(new FacesDisassociated(userId, result.succeeded())));
    }

    private <R> String idempotent(
            IdempotencyKey key, Supplier<R> plan, Function<R, String> render, Function<R, List<LogRecord>> records) {
        return write(() -> {
            if (key != null) {
                TokenRecorded previous = state.tokens.get(key.id());
                if (previous != null) {
                    if (!previous.key().fingerprint().equals(key.fingerprint())) {
                        throw new IdempotencyMismatchException(key);
                    }
                    return previous.response();
                }
            }
            R result = plan.get();
            String response = render.apply(result);
            List<LogRecord> changes = new ArrayList<>(records.apply(result));
            if (key != null) {
                changes.add(new TokenRecorded(key, response, System.currentTimeMillis()));
            }
            commit(changes);
            return response;
        });
    }

    /** Makes {@code changes} durable as one record, then applies them. Caller holds the write lock. */
    private void commit(List<LogRecord> changes) {
        if (changes.isEmpty()) {
            return;
        }
        LogRecord record = changes.size() == 1 ? changes.get(0) : new Batch(changes);
        journal.append(record);
        apply(record);
        if (journal.wantsCompaction()) {
            journal.compact(this::emitState);
        }
    }

    /** Applies a record read from the journal or just written to it. */
    void apply(LogRecord record) {
        state.apply(record);
    }

    /** Emits the records that rebuild the current state: what a snapshot holds. Caller holds a lock. */
    void emitState(Consumer<LogRecord> records) {
        state.emitState(records);
    }

    private Page<StoredFace> page(NavigableMap<String, StoredFace> source, int max) {
        List<StoredFace> items = new ArrayList<>();
        for (StoredFace face : source.values()) {
            if (items.size() == max) {
                return new Page<>(items, true);
            }
            items.add(face);
        }
        return new Page<>(items, false);
    }

    private Page<StoredFace> pageOf(Collection<String> faceIds, int max) {
        List<StoredFace> items = new ArrayList<>();
        for (String faceId : faceIds) {
            if (items.size() == max) {
                return new Page<>(items, true);
            }
            items.add(state.faces.get(faceId));
        }
        return new Page<>(items, false);
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            if (closed) {
                throw new CollectionDeletedException(state.info.collectionId());
            }
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }
}
