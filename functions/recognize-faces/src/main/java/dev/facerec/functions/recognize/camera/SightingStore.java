package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The cameras' rows in the table: per camera ({@code pk CAMERA#<camera>}) one state row ({@code sk STATE}, the
 * {@link CameraState}) and one row per sighting ({@code sk SIGHTING#<first seen ms>#<track>}: camera, person or
 * unknown track, first and last seen, best score and its frame, frame count; expiring with DynamoDB TTL
 * {@code retention} after its last frame). A merge writes the state and the touched sightings in one transaction,
 * conditional on the state's version: of two frames of one camera merged at once, one wins and the other is merged
 * again onto the winner's state.
 */
public final class SightingStore {

    public static final String CAMERA_PREFIX = "CAMERA#";
    public static final String STATE = "STATE";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;

    public SightingStore(DynamoDbClient dynamoDb, String table, Duration retention) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.retention = retention;
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
        return new CameraState(
                AttributeValues.num(item, "version", 0),
                AttributeValues.num(item, "lastFrameAt", Long.MIN_VALUE),
                Long.parseLong(AttributeValues.str(item, "lastHash")),
                tracks);
    }

    /**
     * Writes a merge made on {@code before}.
     *
     * @return {@code false} when another frame's merge was written since {@code before} was read
     */
    public boolean save(String camera, CameraState before, TrackMerge.Merged merged, String bucket) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Put.Builder state = Put.builder().tableName(table).item(stateItem(camera, merged.state()));
        if (before.version() == 0) {
            state.conditionExpression("attribute_not_exists(pk)");
        } else {
            state.conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", AttributeValues.n(before.version())));
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
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    private Map<String, AttributeValue> stateItem(String camera, CameraState state) {
        Map<String, AttributeValue> item = new HashMap<>(TableKeys.key(CAMERA_PREFIX + camera, STATE));
        item.put("version", AttributeValues.n(state.version()));
        item.put("lastFrameAt", AttributeValues.n(state.lastFrameAt()));
        item.put("lastHash", AttributeValues.s(Long.toString(state.lastHash())));
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
            tracks.put(track.id(), AttributeValues.m(value));
        }
        item.put("tracks", AttributeValues.m(tracks));
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
                AttributeValues.strings(value, "lists"));
    }
}
