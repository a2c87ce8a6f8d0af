package dev.facerec.functions.core.sightings;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sighting rows of the single table (see docs/functions.md, "What is recorded"): one per face indexed into a
 * day's collection, found by the day and the face id that a search of that collection returns.
 *
 * <ul>
 *   <li>sighting: {@code pk = SIGHTING#<YYYYMMDD>#<faceId>}, {@code sk = SIGHTING}; {@code gsi1pk =
 *       SIGHTINGS#<YYYYMMDD>}, {@code gsi1sk = <seenAt>#<faceId>} (a day's sightings in time order); {@code ttl} when
 *       the day leaves the retention</li>
 * </ul>
 */
public final class SightingRows {

    public static final String SK = "SIGHTING";

    public static final String FACE_ID = "faceId";
    public static final String IMAGE_ID = "imageId";
    public static final String COLLECTION_ID = "collectionId";
    public static final String DAY = "day";
    public static final String SEEN_AT = "seenAt";
    public static final String BUCKET = "bucket";
    public static final String OBJECT_KEY = "objectKey";
    public static final String VERSION_ID = "versionId";
    public static final String ETAG = "eTag";
    public static final String BOUNDING_BOX = "boundingBox";
    public static final String CONFIDENCE = "confidence";
    public static final String PERSON_ID = "personId";
    public static final String SIMILARITY = "similarity";

    /** Status row attribute of a recognised photo: how many of its faces the log recorded. */
    public static final String STATUS_SIGHTING_COUNT = "sightingCount";
    /** Status row attribute of a recognised photo: the non-retryable error that kept it out of the log. */
    public static final String STATUS_SIGHTINGS_ERROR = "sightingsErrorCode";

    private SightingRows() {}

    /** The key of the sighting of face {@code faceId} in the collection of {@code day}. */
    public static Map<String, AttributeValue> key(LocalDate day, String faceId) {
        return TableKeys.key("SIGHTING#" + digits(day) + "#" + faceId, SK);
    }

    /** The {@code gsi1pk} of a day's sightings. */
    public static String dayPartition(LocalDate day) {
        return "SIGHTINGS#" + digits(day);
    }

    /** The {@code gsi1sk} of a sighting: its time, then its face id. */
    public static AttributeValue daySortKey(String seenAt, String faceId) {
        return AttributeValues.s(seenAt + "#" + faceId);
    }

    private static String digits(LocalDate day) {
        return day.toString().replace("-", "");
    }
}
