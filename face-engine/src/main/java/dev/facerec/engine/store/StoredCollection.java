package dev.facerec.engine.store;

import dev.facerec.engine.search.Match;
import dev.facerec.engine.search.VectorIndex;
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
import java.util.LinkedHashMap;
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
    /** ClientRequestTokens remembered per collection (oldest forgotten first). */
    static final int MAX_TOKENS = 10_000;

    private static final int SNAPSHOT_FACES_PER_RECORD = 1_024;

    private final CollectionInfo info;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<String, StoredFace> faces = new TreeMap<>();
    private final TreeMap<String, TreeSet<String>> users = new TreeMap<>();
    private final VectorIndex faceIndex;
    private final VectorIndex userIndex;
    private final Map<String, TokenRecorded> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenRecorded> eldest) {
            return size() > MAX_TOKENS;
        }
    };
    private SortedMap<String, String> tags;
    private Journal journal = Journal.none();
    private boolean closed;

    StoredCollection(CollectionInfo info, SearchSettings search) {
        this.info = info;
        this.tags = new TreeMap<>(info.tags());
        this.faceIndex = new VectorIndex(info.dimension(), search.exactLimit(), search.minCandidates());
        this.userIndex = new VectorIndex(info.dimension(), search.exactLimit(), search.minCandidates());
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
        return info;
    }

    /** The collection's current tags, in key order. */
    public SortedMap<String, String> tags() {
        return read(() -> Collections.unmodifiableSortedMap(new TreeMap<>(tags)));
    }

    /**
     * Adds (or overwrites) {@code added} and removes {@code removed}; nothing changes and false is returned when the
     * collection would then hold more than {@code maxTags} tags.
     */
    public boolean changeTags(Map<String, String> added, Collection<String> removed, int maxTags) {
        return write(() -> {
            TreeMap<String, String> next = new TreeMap<>(tags);
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
        return read(faces::size);
    }

    public int userCount() {
        return read(users::size);
    }

    public Optional<StoredFace> face(String faceId) {
        return read(() -> Optional.ofNullable(faces.get(faceId)));
    }

    public Optional<StoredUser> user(String userId) {
        return read(() -> Optional.ofNullable(users.get(userId)).map(set -> new StoredUser(userId, List.copyOf(set))));
    }

    /** Faces in FaceId order, starting after {@code after} (null: from the start). */
    public Page<StoredFace> faces(String after, int max) {
        return read(() -> page(after == null ? faces : faces.tailMap(after, false), max));
    }

    /** The faces of {@code userId} in FaceId order, starting after {@code after}; empty when the user is absent. */
    public Page<StoredFace> facesOfUser(String userId, String after, int max) {
        return read(() -> {
            TreeSet<String> ids = users.get(userId);
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
            ids.retainAll(faces.keySet());
            return pageOf(after == null ? ids : ids.tailSet(after, false), max);
        });
    }

    /** Users in UserId order, starting after {@code after}. */
    public Page<StoredUser> users(String after, int max) {
        return read(() -> {
            NavigableMap<String, TreeSet<String>> tail = after == null ? users : users.tailMap(after, false);
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
        return faceIndex.vector(faceId);
    }

    /** The vector of a user (the normalised mean of its faces'), or null when it has no face. */
    public float[] userVector(String userId) {
        return userIndex.vector(userId);
    }

    public List<FaceMatch> searchFaces(float[] query, float minCosine, int limit, String excludeFaceId) {
        return read(() -> {
            List<FaceMatch> matches = new ArrayList<>();
            for (Match m : faceIndex.search(query, minCosine, limit, excludeFaceId)) {
                matches.add(new FaceMatch(faces.get(m.key()), m.cosine()));
            }
            return matches;
        });
    }

    public List<UserMatch> searchUsers(float[] query, float minCosine, int limit, String excludeUserId) {
        return read(() -> {
            List<UserMatch> matches = new ArrayList<>();
            for (Match m : userIndex.search(query, minCosine, limit, excludeUserId)) {
                matches.add(new UserMatch(new StoredUser(m.key(), List.copyOf(users.get(m.key()))), m.cosine()));
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
                StoredFace face = faces.get(faceId);
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
                () -> users.containsKey(userId),
                render,
                exists -> exists ? List.of() : List.of(new UserCreated(userId)));
    }

    /** DeleteUser (its faces are disassociated). {@code render} gets whether the user existed. */
    public String deleteUser(String userId, IdempotencyKey key, Function<Boolean, String> render) {
        return idempotent(
                key,
                () -> users.containsKey(userId),
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
                () -> planAssociation(userId, faceIds, minCosine),
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
                () -> planDisassociation(userId, faceIds),
                render,
                result -> result.succeeded().isEmpty()
                        ? List.of()
                        : List.of(new FacesDisassociated(userId, result.succeeded())));
    }

    private AssociationResult planAssociation(String userId, List<String> faceIds, float minCosine) {
        TreeSet<String> current = users.get(userId);
        if (current == null) {
            return AssociationResult.userMissing();
        }
        float[] userVector = userIndex.vector(userId);
        Sorted sorted = sort(userId, faceIds, false, faceId -> {
            float cosine = userVector == null ? 1f : dot(userVector, faceIndex.vector(faceId));
            return cosine < minCosine ? new FaceFailure(faceId, userId, Reason.LOW_MATCH_CONFIDENCE, cosine) : null;
        });
        boolean overQuota = current.size() + sorted.succeeded().size() > MAX_FACES_PER_USER;
        boolean active = !current.isEmpty() || (!sorted.succeeded().isEmpty() && !overQuota);
        return new AssociationResult(
                true, overQuota, sorted.succeeded(), sorted.failed(), active ? UserStatus.ACTIVE : UserStatus.CREATED);
    }

    private AssociationResult planDisassociation(String userId, List<String> faceIds) {
        TreeSet<String> current = users.get(userId);
        if (current == null) {
            return AssociationResult.userMissing();
        }
        Sorted sorted = sort(userId, faceIds, true, faceId -> null);
        boolean active = current.size() > sorted.succeeded().size();
        return new AssociationResult(
                true, false, sorted.succeeded(), sorted.failed(), active ? UserStatus.ACTIVE : UserStatus.CREATED);
    }

    /** The faces a (dis)association acts on, and those it refuses. */
    private record Sorted(List<String> succeeded, List<FaceFailure> failed) {}

    /**
     * Sorts requested faces: unknown ones and other users' ones fail; those whose association with {@code userId}
     * already is {@code associated} go to {@code check} (a failure, or null to act on them); the rest are skipped.
     */
    private Sorted sort(String userId, List<String> faceIds, boolean associated, Function<String, FaceFailure> check) {
        Sorted sorted = new Sorted(new ArrayList<>(), new ArrayList<>());
        for (String faceId : new TreeSet<>(faceIds)) {
            StoredFace face = faces.get(faceId);
            FaceFailure failure = null;
            if (face == null) {
                failure = new FaceFailure(faceId, userId, Reason.FACE_NOT_FOUND, Float.NaN);
            } else if (face.userId() != null && !face.userId().equals(userId)) {
                failure = new FaceFailure(faceId, face.userId(), Reason.ASSOCIATED_TO_A_DIFFERENT_USER, Float.NaN);
            } else if (userId.equals(face.userId()) != associated) {
                continue;
            } else {
                failure = check.apply(faceId);
            }
            if (failure == null) {
                sorted.succeeded().add(faceId);
            } else {
                sorted.failed().add(failure);
            }
        }
        return sorted;
    }

    private <R> String idempotent(
            IdempotencyKey key, Supplier<R> plan, Function<R, String> render, Function<R, List<LogRecord>> records) {
        return write(() -> {
            if (key != null) {
                TokenRecorded previous = tokens.get(key.id());
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
        if (record instanceof FacesAdded r) {
            for (NewFace f : r.faces()) {
                faces.put(f.face().faceId(), f.face());
                faceIndex.put(f.face().faceId(), f.vector());
                if (f.face().userId() != null) {
                    associate(f.face().userId(), List.of(f.face().faceId()));
                }
            }
        } else if (record instanceof FacesDeleted r) {
            for (String faceId : r.faceIds()) {
                faces.remove(faceId);
                faceIndex.remove(faceId);
            }
        } else if (record instanceof UserCreated r) {
            users.putIfAbsent(r.userId(), new TreeSet<>());
        } else if (record instanceof UserDeleted r) {
            TreeSet<String> ids = users.remove(r.userId());
            if (ids != null) {
                ids.forEach(faceId -> faces.computeIfPresent(faceId, (k, face) -> face.withUserId(null)));
            }
            userIndex.remove(r.userId());
        } else if (record instanceof FacesAssociated r) {
            associate(r.userId(), r.faceIds());
        } else if (record instanceof FacesDisassociated r) {
            TreeSet<String> ids = users.get(r.userId());
            r.faceIds().forEach(faceId -> faces.computeIfPresent(faceId, (k, face) -> face.withUserId(null)));
            if (ids != null) {
                r.faceIds().forEach(ids::remove);
                updateUserVector(r.userId(), ids);
            }
        } else if (record instanceof TagsChanged r) {
            tags = new TreeMap<>(r.tags());
        } else if (record instanceof TokenRecorded r) {
            tokens.put(r.key().id(), r);
        } else if (record instanceof Batch r) {
            r.records().forEach(this::apply);
        }
    }

    private void associate(String userId, List<String> faceIds) {
        TreeSet<String> ids = users.computeIfAbsent(userId, k -> new TreeSet<>());
        for (String faceId : faceIds) {
            if (faces.computeIfPresent(faceId, (k, face) -> face.withUserId(userId)) != null) {
                ids.add(faceId);
            }
        }
        updateUserVector(userId, ids);
    }

    private void updateUserVector(String userId, TreeSet<String> faceIds) {
        if (faceIds.isEmpty()) {
            userIndex.remove(userId);
            return;
        }
        float[] sum = new float[info.dimension()];
        for (String faceId : faceIds) {
            float[] v = faceIndex.vector(faceId);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += v[i];
            }
        }
        userIndex.put(userId, sum);
    }

    /** Emits the records that rebuild the current state: what a snapshot holds. Caller holds a lock. */
    void emitState(Consumer<LogRecord> records) {
        records.accept(new LogRecord.CollectionCreated(info));
        if (!tags.equals(info.tags())) {
            records.accept(new TagsChanged(new TreeMap<>(tags)));
        }
        List<NewFace> chunk = new ArrayList<>();
        for (StoredFace face : faces.values()) {
            chunk.add(new NewFace(face.withUserId(null), faceIndex.vector(face.faceId())));
            if (chunk.size() == SNAPSHOT_FACES_PER_RECORD) {
                records.accept(new FacesAdded(chunk));
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            records.accept(new FacesAdded(chunk));
        }
        for (Map.Entry<String, TreeSet<String>> user : users.entrySet()) {
            records.accept(new UserCreated(user.getKey()));
            if (!user.getValue().isEmpty()) {
                records.accept(new FacesAssociated(user.getKey(), List.copyOf(user.getValue())));
            }
        }
        tokens.values().forEach(records);
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
            items.add(faces.get(faceId));
        }
        return new Page<>(items, false);
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
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
                throw new CollectionDeletedException(info.collectionId());
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
