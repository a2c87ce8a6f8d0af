package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.erasure.CameraMentions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.recognize.ErasureGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The cameras' rows in the table: per camera ({@code pk CAMERA#<camera>}) one state row ({@code sk STATE}, the
 * {@link CameraState}) and one row per sighting ({@code sk SIGHTING#<first seen ms>#<track>}: camera, person or
 * unknown track, first and last seen, best score and its frame, frame count; expiring with DynamoDB TTL
 * {@code retention} after its last frame; the state row likewise after the camera's last frame). A merge writes the state and the touched sightings in one transaction,
 * conditional on the state's version: of two frames of one camera merged at once, one wins and the other is merged
 * again onto the winner's state. Before its Rekognition calls, a frame claims its analysis on the state row
 * ({@link #claim}, conditional on the same version): an identical frame of the same camera taken in meanwhile
 * {@linkplain #follow follows} the claim instead of being analysed, and the claiming frame merges it. The
 * transaction that first names a person on a sighting (as its person or as an unknown face's candidate) also writes
 * the person's {@link CameraMentions camera mention}, by which an erasure finds the camera's rows naming them, and
 * checks that no erasure of the person covers the frame's search ({@link ErasureGuard}).
 */
public final class SightingStore {

    public static final String CAMERA_PREFIX = "CAMERA#";
    public static final String STATE = "STATE";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;
    private final Tenant tenant;
    private final ErasureGuard guard;

    public SightingStore(DynamoDbClient dynamoDb, String table, Duration retention, Tenant tenant) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
        this.tenant = tenant;
        this.guard = new ErasureGuard(dynamoDb, table, Clock.systemUTC());
    }

    /** The camera's state, or {@link CameraState#NEW}. */
    public CameraState load(String camera) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                        .key(TableKeys.key(CAMERA_PREFIX + camera, STATE))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return CameraState.NEW;
        }
        List<Track> tracks = new ArrayList<>();
        item.getOrDefault("tracks", AttributeValues.m(Map.of()))
                .m()
                .forEach((id, value) -> tracks.add(track(id, value.m())));
        String lastHash = AttributeValues.str(item, "lastHash");
        return new CameraState(
                AttributeValues.num(item, "version", 0),
                AttributeValues.num(item, "lastFrameAt", Long.MIN_VALUE),
                lastHash == null ? 0 : Long.parseLong(lastHash),
                tracks,
                AttributeValues.num(item, "claimRev", 0),
                claim(item));
    }

    /**
     * Claims the analysis of the frame {@code key} (before its Rekognition calls), unless the state changed since
     * {@code before} was read.
     *
     * @return {@code false} when it changed: read it again and decide again
     */
    public boolean claim(String camera, CameraState before, String key, long hash, long at, long until) {
        Map<String, AttributeValue> values = new HashMap<>(stateValues(before));
        values.put(":k", AttributeValues.s(key));
        values.put(":h", AttributeValues.s(Long.toString(hash)));
        values.put(":a", AttributeValues.n(at));
        values.put(":u", AttributeValues.n(until));
        values.put(":none", AttributeValues.m(Map.of()));
        values.put(":zero", AttributeValues.n(0));
        values.put(":one", AttributeValues.n(1));
        return update(
                camera,
                "SET claimKey = :k, claimHash = :h, claimAt = :a, claimUntil = :u,"
                        + " followers = if_not_exists(followers, :none), claimRev = if_not_exists(claimRev, :zero) + :one",
                stateCondition(before),
                Map.of(),
                values);
    }

    /**
     * Adds the frame {@code key} at {@code at} to the followers of {@code before}'s claim: the claiming frame merges
     * it.
     *
     * @return {@code false} when the claim changed or was released since: read the state again
     */
    public boolean follow(String camera, CameraState before, String key, long at) {
        return update(
                camera,
                "SET followers.#f = :a, claimRev = claimRev + :one",
                "claimKey = :k AND claimRev = :r",
                Map.of("#f", key),
                Map.of(
                        ":a", AttributeValues.n(at),
                        ":one", AttributeValues.n(1),
                        ":k", AttributeValues.s(before.claim().key()),
                        ":r", AttributeValues.n(before.claimRev())));
    }

    /**
     * Records that the "Sighting Started" event of {@code track} went out. Not conditional on the version: a merge
     * written meanwhile from an older read may set it pending again, and its event then goes out once more (same id).
     */
    public void announced(String camera, Track track) {
        update(
                camera,
                "REMOVE #t.#id.pending",
                "#t.#id.sk = :sk",
                Map.of("#t", "tracks", "#id", track.id()),
                Map.of(":sk", AttributeValues.s(track.sightingSk())));
    }

    private boolean update(
            String camera,
            String expression,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            dynamoDb.updateItem(b -> {
                b.tableName(table)
                        .key(TableKeys.key(CAMERA_PREFIX + camera, STATE))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeValues(values);
                if (!names.isEmpty()) {
                    b.expressionAttributeNames(names);
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The condition that the state row is still as {@code before} was read (merges and claims alike). */
    private static String stateCondition(CameraState before) {
        String version = before.version() == 0 ? "attribute_not_exists(version)" : "version = :v";
        String claims = before.claimRev() == 0 ? "attribute_not_exists(claimRev)" : "claimRev = :r";
        return version + " AND " + claims;
    }

    private static Map<String, AttributeValue> stateValues(CameraState before) {
        Map<String, AttributeValue> values = new HashMap<>();
        if (before.version() != 0) {
            values.put(":v", AttributeValues.n(before.version()));
        }
        if (before.claimRev() != 0) {
            values.put(":r", AttributeValues.n(before.claimRev()));
        }
        return values;
    }

    private static FrameClaim claim(Map<String, AttributeValue> item) {
        String key = AttributeValues.str(item, "claimKey");
        if (key == null) {
            return null;
        }
        Map<String, Long> followers = new HashMap<>();
        item.getOrDefault("followers", AttributeValues.m(Map.of()))
                .m()
                .forEach((frame, at) -> followers.put(frame, Long.parseLong(at.n())));
        return new FrameClaim(
                key,
                Long.parseLong(AttributeValues.str(item, "claimHash")),
                AttributeValues.num(item, "claimAt", 0),
                AttributeValues.num(item, "claimUntil", 0),
                followers);
    }

    /**
     * What a {@link #save} did: {@code written}, or nothing written because another frame's merge was written since
     * the merge's state was read ({@code erased} empty), or because the erasure of {@code erased} people (which the
     * merge newly named) covers the frame's search.
     */
    public record Saved(boolean written, Set<String> erased) {

        public Saved {
            erased = Set.copyOf(erased);
        }
    }

    /**
     * Writes a merge made on {@code before}, with a check of each person it newly names (as a track's person or
     * candidate, {@link ErasureGuard}) that no erasure covers {@code searched}, the time the frame's faces were
     * searched: a person found just before their erasure deleted their faces is not named once the erasure started.
     */
    public Saved save(String camera, CameraState before, TrackMerge.Merged merged, String bucket, Instant searched) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder state = Put.builder()
                .tableName(table)
                .item(stateItem(camera, merged.state()))
                .conditionExpression(stateCondition(before));
        if (before.version() != 0 || before.claimRev() != 0) {
            state.expressionAttributeValues(stateValues(before));
        }
        writes.add(TransactWriteItem.builder().put(state.build()).build());
        for (Track track : merged.changed()) {
            writes.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(table)
                            .item(sightingItem(camera, track, bucket))
                            .build())
                    .build());
        }
        Set<String> named = new LinkedHashSet<>();
        Map<String, Map<String, AttributeValue>> mentions = mentions(camera, before, merged.changed(), named);
        mentions.values()
                .forEach(mention -> writes.add(TransactWriteItem.builder()
                        .put(Put.builder().tableName(table).item(mention).build())
                        .build()));
        try {
            Set<String> erased = guard.write(tenant, searched, List.copyOf(named), writes);
            return new Saved(erased.isEmpty(), erased);
        } catch (TransactionCanceledException e) {
            // The checks all passed: the only other condition is the state's version.
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return new Saved(false, Set.of());
            }
            throw e;
        }
    }

    /**
     * The camera mentions {@code changed} needs: of a person or candidate the track did not name in {@code before},
     * and again when the track's last frame moved to another UTC day (the mention's expiry follows the sighting's).
     * Adds the people the track did not name in {@code before} to {@code newlyNamed}.
     */
    private Map<String, Map<String, AttributeValue>> mentions(
            String camera, CameraState before, List<Track> changed, Set<String> newlyNamed) {
        Map<String, Map<String, AttributeValue>> rows = new LinkedHashMap<>();
        for (Track track : changed) {
            Track old = before.tracks().stream()
                    .filter(t -> t.sightingSk().equals(track.sightingSk()))
                    .findFirst()
                    .orElse(null);
            boolean sameDay = old != null && CameraMentions.sameDay(old.lastSeen(), track.lastSeen());
            for (String person : new String[] {track.personId(), track.candidate()}) {
                boolean named = old != null
                        && (Objects.equals(person, old.personId()) || Objects.equals(person, old.candidate()));
                if (person != null && !named) {
                    newlyNamed.add(person);
                }
                if (person != null && !(named && sameDay)) {
                    Map<String, AttributeValue> row = CameraMentions.row(
                            tenant,
                            person,
                            CAMERA_PREFIX + camera,
                            track.sightingSk(),
                            CameraMentions.expiresAt(track.lastSeen(), retention));
                    rows.put(AttributeValues.str(row, TableKeys.SK) + "\n" + person, row);
                }
            }
        }
        return rows;
    }

    private Map<String, AttributeValue> stateItem(String camera, CameraState state) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(CAMERA_PREFIX + camera, STATE));
        item.put("version", AttributeValues.n(state.version()));
        item.put("lastFrameAt", AttributeValues.n(state.lastFrameAt()));
        item.put("lastHash", AttributeValues.s(Long.toString(state.lastHash())));
        // A camera gone silent: its state (closed tracks naming people) expires with its last sightings.
        item.put(
                TableKeys.TTL,
                AttributeValues.n(Instant.ofEpochMilli(state.lastFrameAt())
                        .plus(retention)
                        .getEpochSecond()));
        Map<String, AttributeValue> tracks = new HashMap<>();
        for (Track track : state.tracks()) {
            Map<String, AttributeValue> value = new HashMap<>();
            value.put("sk", AttributeValues.s(track.sightingSk()));
            if (track.personId() != null) {
                value.put("personId", AttributeValues.s(track.personId()));
            }
            value.put("first", AttributeValues.n(track.firstSeen()));
            value.put("last", AttributeValues.n(track.lastSeen()));
            value.put("x", AttributeValues.n(track.x()));
            value.put("y", AttributeValues.n(track.y()));
            value.put("best", AttributeValues.n(track.best()));
            value.put("bestFrameKey", AttributeValues.s(track.bestFrameKey()));
            value.put("frames", AttributeValues.n(track.frames()));
            value.put("lists", AttributeValues.strings(track.lists()));
            if (track.candidate() != null) {
                value.put("candidate", AttributeValues.s(track.candidate()));
            }
            if (track.pending()) {
                value.put("pending", AttributeValue.fromBool(true));
            }
            tracks.put(track.id(), AttributeValues.m(value));
        }
        item.put("tracks", AttributeValues.m(tracks));
        if (state.claimRev() != 0) {
            item.put("claimRev", AttributeValues.n(state.claimRev()));
        }
        FrameClaim claim = state.claim();
        if (claim != null) {
            item.put("claimKey", AttributeValues.s(claim.key()));
            item.put("claimHash", AttributeValues.s(Long.toString(claim.hash())));
            item.put("claimAt", AttributeValues.n(claim.at()));
            item.put("claimUntil", AttributeValues.n(claim.until()));
            Map<String, AttributeValue> followers = new HashMap<>();
            claim.followers().forEach((frame, at) -> followers.put(frame, AttributeValues.n(at)));
            item.put("followers", AttributeValues.m(followers));
        }
        return item;
    }

    private Map<String, AttributeValue> sightingItem(String camera, Track track, String bucket) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(CAMERA_PREFIX + camera, track.sightingSk()));
        item.put("camera", AttributeValues.s(camera));
        item.put("track", AttributeValues.s(track.id()));
        if (track.personId() != null) {
            item.put("personId", AttributeValues.s(track.personId()));
            item.put("bestSimilarity", AttributeValues.n(track.best()));
        } else {
            item.put("bestConfidence", AttributeValues.n(track.best()));
        }
        item.put(
                "firstSeen",
                AttributeValues.s(Instant.ofEpochMilli(track.firstSeen()).toString()));
        item.put(
                "lastSeen",
                AttributeValues.s(Instant.ofEpochMilli(track.lastSeen()).toString()));
        item.put("bucket", AttributeValues.s(bucket));
        item.put("bestFrameKey", AttributeValues.s(track.bestFrameKey()));
        item.put("frames", AttributeValues.n(track.frames()));
        item.put("lists", AttributeValues.strings(track.lists()));
        item.put(
                TableKeys.TTL,
                AttributeValues.n(
                        Instant.ofEpochMilli(track.lastSeen()).plus(retention).getEpochSecond()));
        return item;
    }

    private static Track track(String id, Map<String, AttributeValue> value) {
        return new Track(
                id,
                AttributeValues.str(value, "sk"),
                AttributeValues.str(value, "personId"),
                AttributeValues.num(value, "first", 0),
                AttributeValues.num(value, "last", 0),
                Float.parseFloat(value.get("x").n()),
                Float.parseFloat(value.get("y").n()),
                Float.parseFloat(value.get("best").n()),
                AttributeValues.str(value, "bestFrameKey"),
                AttributeValues.num(value, "frames", 0),
                AttributeValues.strings(value, "lists"),
                AttributeValues.str(value, "candidate"),
                value.containsKey("pending")
                        && Boolean.TRUE.equals(value.get("pending").bool()));
    }
}
