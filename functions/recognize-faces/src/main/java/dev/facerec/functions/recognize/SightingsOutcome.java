package dev.facerec.functions.recognize;

import dev.facerec.functions.core.sightings.SightingRows;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusChange;

/**
 * What the sightings log did with a photo, recorded on its status row: how many faces it logged, or the
 * non-retryable Rekognition error that kept the photo out of the log; nothing when the log is off.
 *
 * @param enabled    whether the log is on
 * @param count      the faces logged
 * @param errorCode  the Rekognition error code, or {@code null}
 */
public record SightingsOutcome(boolean enabled, int count, String errorCode) {

    static final SightingsOutcome OFF = new SightingsOutcome(false, 0, null);

    static SightingsOutcome logged(int count) {
        return new SightingsOutcome(true, count, null);
    }

    static SightingsOutcome failed(String errorCode) {
        return new SightingsOutcome(true, 0, errorCode);
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
