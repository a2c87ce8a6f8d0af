package dev.facerec.functions.recognize;

import dev.facerec.functions.core.sightings.SightingRows;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusChange;
import java.util.List;
import java.util.Map;

/**
 * What the sightings log did with a photo, recorded on its status row: how many faces it logged, or the
 * non-retryable Rekognition error that kept the photo out of the log; nothing when the log is off.
 *
 * @param enabled    whether the log is on
 * @param count      the faces logged
 * @param errorCode  the Rekognition error code, or {@code null}
 * @param byPerson   person id → the partition keys of the sighting rows that name the person (what an erasure of
 *     the person follows, through the person's mention of the photo)
 * @param expiresAt  when the sighting rows expire (epoch seconds; 0 when none were written): a mention that leads to
 *     them lives at least as long
 */
public record SightingsOutcome(
        boolean enabled, int count, String errorCode, Map<String, List<String>> byPerson, long expiresAt) {

    static final SightingsOutcome OFF = new SightingsOutcome(false, 0, null, Map.of(), 0);

    static SightingsOutcome logged(int count, Map<String, List<String>> byPerson, long expiresAt) {
        return new SightingsOutcome(true, count, null, Map.copyOf(byPerson), expiresAt);
    }

    static SightingsOutcome failed(String errorCode) {
        return new SightingsOutcome(true, 0, errorCode, Map.of(), 0);
    }

    /** The partition keys of the sighting rows that name {@code personId}. */
    public List<String> sightingsOf(String personId) {
        return byPerson.getOrDefault(personId, List.of());
    }

    /** {@code change} with this outcome on the status row. */
    public StatusChange onto(StatusChange change) {
        if (!enabled) {
            return change;
        }
        return errorCode == null
                ? change.set(SightingRows.STATUS_SIGHTING_COUNT, AttributeValues.n(count))
                : change.set(SightingRows.STATUS_SIGHTINGS_ERROR, AttributeValues.s(errorCode));
    }
}
