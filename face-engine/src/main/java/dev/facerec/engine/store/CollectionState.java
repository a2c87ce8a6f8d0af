package dev.facerec.engine.store;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a {@link StoredCollection} holds — faces, users, their vectors, tags and remembered tokens — and the two things
 * done to it: planning a change against it, and applying a journal record to it. Not thread-safe: the collection's
 * lock guards it.
 */
final class CollectionState {

    /** ClientRequestTokens remembered per collection (oldest forgotten first). */
    static final int MAX_TOKENS = 10_000;

    private static final int SNAPSHOT_FACES_PER_RECORD = 1_024;

    final CollectionInfo info;
    final TreeMap<String, StoredFace> faces = new TreeMap<>();
    final TreeMap<String, TreeSet<String>> users = new TreeMap<>();
    final VectorIndex faceIndex;
    final VectorIndex userIndex;
    final Map<String, TokenRecorded> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenRecorded> eldest) {
            return size() > MAX_TOKENS;
        }
    };
    SortedMap<String, String> tags;

    CollectionState(CollectionInfo info, SearchSettings search) {
        this.info = info;
        this.tags = new TreeMap<>(info.tags());
        this.faceIndex = new VectorIndex(info.dimension(), search.exactLimit(), search.minCandidates());
        this.userIndex = new VectorIndex(info.dimension(), search.exactLimit(), search.minCandidates());
    }

    AssociationResult planAssociation(String userId, List<String> faceIds, float minCosine) {
        TreeSet<String> current = users.get(userId);
        if (current == null) {
            return AssociationResult.userMissing();
        }
        float[] userVector = userIndex.vector(userId);
        Sorted sorted = sort(userId, faceIds, false, faceId -> {
            float cosine = userVector == null ? 1f : dot(userVector, faceIndex.vector(faceId));
            return cosine < minCosine ? new FaceFailure(faceId, userId, Reason.LOW_MATCH_CONFIDENCE, cosine) : null;
        });
        boolean overQuota = current.size() + sorted.succeeded().size() > StoredCollection.MAX_FACES_PER_USER;
        boolean active = !current.isEmpty() || (!sorted.succeeded().isEmpty() && !overQuota);
        return new AssociationResult(
                true, overQuota, sorted.succeeded(), sorted.failed(), active ? UserStatus.ACTIVE : UserStatus.CREATED);
    }

    AssociationResult planDisassociation(String userId, List<String> faceIds) {
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

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
