package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the {@link CameraMentions camera mentions} of an erased person lead to. Each camera sighting row naming the
 * person is deleted, not redacted: its sort key holds the track id, {@code P#<personId>} for a sighting that started
 * named, and a sighting row's only content is who was seen when, so without the person nothing worth keeping is left.
 * The camera's state row loses the person's open track and the person as an unknown face's candidate (first); it is
 * rewritten conditionally on its version and claim revision (the frames path's own conditions, so that a frame
 * merged from an older read is merged again without the person), and read again when a frame wrote in between.
 */
final class CameraSightings {

    /** What was removed: sighting rows deleted, and tracks of camera state rows that no longer name the person. */
    record Outcome(long sightings, long tracks) {}

    /** Attempts at rewriting a state row while the camera's frames keep writing it. */
    static final int STATE_ATTEMPTS = 16;

    private static final String STATE = "STATE";
    private static final String TRACKS = "tracks";
    private static final String PERSON_ID = "personId";
    private static final String CANDIDATE = "candidate";

    private final DynamoDbClient dynamoDb;
    private final String table;

    CameraSightings(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Follows every camera mention among {@code partition} (the person's rows): each camera's state first, so that a
     * frame merged from a state read before cannot write the person's sighting row again after it was deleted.
     */
    Outcome erase(String personId, List<Map<String, AttributeValue>> partition) {
        Map<String, List<String>> sightingsByCamera = new LinkedHashMap<>();
        for (Map<String, AttributeValue> mention : partition) {
            if (CameraMentions.isCameraMention(mention)) {
                sightingsByCamera
                        .computeIfAbsent(AttributeValues.str(mention, CameraMentions.CAMERA_PK), k -> new ArrayList<>())
                        .add(AttributeValues.str(mention, CameraMentions.SIGHTING_SK));
            }
        }
        long tracks = 0;
        long sightings = 0;
        for (Map.Entry<String, List<String>> camera : sightingsByCamera.entrySet()) {
            tracks += stripState(camera.getKey(), personId);
            for (String sightingSk : camera.getValue()) {
                sightings += deleteSighting(camera.getKey(), sightingSk, personId) ? 1 : 0;
            }
        }
        return new Outcome(sightings, tracks);
    }

    /** Deletes the sighting row if it names the person (a candidate's row does not); whether it did. */
    private boolean deleteSighting(String cameraPk, String sightingSk, String personId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table)
                    .key(TableKeys.key(cameraPk, sightingSk))
                    .conditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", PERSON_ID))
                    .expressionAttributeValues(Map.of(":p", AttributeValues.s(personId))));
            return true;
        } catch (ConditionalCheckFailedException goneOrSomeoneElses) {
            return false;
        }
    }

    /** Removes the person from the camera's state row; how many tracks named them. */
    private long stripState(String cameraPk, String personId) {
        for (int attempt = 1; attempt <= STATE_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> state = dynamoDb.getItem(
                            b -> b.tableName(table).consistentRead(true).key(TableKeys.key(cameraPk, STATE)))
                    .item();
            if (state == null || !state.containsKey(TRACKS)) {
                return 0;
            }
            Map<String, AttributeValue> tracks = new HashMap<>(state.get(TRACKS).m());
            long named = 0;
            for (Map.Entry<String, AttributeValue> track : state.get(TRACKS).m().entrySet()) {
                Map<String, AttributeValue> value = track.getValue().m();
                if (personId.equals(AttributeValues.str(value, PERSON_ID))) {
                    tracks.remove(track.getKey());
                    named++;
                } else if (personId.equals(AttributeValues.str(value, CANDIDATE))) {
                    Map<String, AttributeValue> withoutCandidate = new HashMap<>(value);
                    withoutCandidate.remove(CANDIDATE);
                    tracks.put(track.getKey(), AttributeValues.m(withoutCandidate));
                    named++;
                }
            }
            if (named == 0) {
                return 0;
            }
            if (rewrite(state, tracks)) {
                return named;
            }
        }
        throw new IllegalStateException("the camera's state changed " + STATE_ATTEMPTS
                + " times while the erasure removed a person from it; run the erasure again");
    }

    /**
     * Writes {@code state} again with {@code tracks} and the next version, unless a frame wrote it since it was read
     * (an expected race: the caller reads it again).
     */
    private boolean rewrite(Map<String, AttributeValue> state, Map<String, AttributeValue> tracks) {
        Map<String, AttributeValue> item = new HashMap<>(state);
        item.put(TRACKS, AttributeValues.m(tracks));
        long version = AttributeValues.num(state, "version", 0);
        item.put("version", AttributeValues.n(version + 1));
        Map<String, AttributeValue> values = new HashMap<>();
        String condition = "version = :v";
        values.put(":v", AttributeValues.n(version));
        if (state.containsKey("claimRev")) {
            condition += " AND claimRev = :r";
            values.put(":r", state.get("claimRev"));
        } else {
            condition += " AND attribute_not_exists(claimRev)";
        }
        String expression = condition;
        try {
            dynamoDb.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression(expression)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException frameWroteFirst) {
            return false;
        }
    }
}
