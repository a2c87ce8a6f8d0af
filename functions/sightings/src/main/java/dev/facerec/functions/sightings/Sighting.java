package dev.facerec.functions.sightings;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * One place and time a searched face was seen: a face of a logged photo that matched.
 *
 * @param day         the UTC day of the collection it was found in
 * @param seenAt      the photo's event time (ISO-8601)
 * @param bucket      the photo's bucket
 * @param key         the photo's key
 * @param versionId   the photo's version, or {@code null}
 * @param eTag        the photo's ETag, or {@code null}
 * @param boundingBox the face in the photo (ratios)
 * @param similarity  how similar the face is to the searched one, in percent
 * @param personId    who recognition identified it as, or {@code null}
 */
public record Sighting(
        String day,
        String seenAt,
        String bucket,
        String key,
        String versionId,
        String eTag,
        BoundingBox boundingBox,
        float similarity,
        String personId) {

    /** What tells two records of the same face of the same photo apart from two faces: photo and box. */
    String identity() {
        String box = boundingBox == null
                ? "-"
                : String.format(
                        "%.3f,%.3f,%.3f,%.3f",
                        boundingBox.left(), boundingBox.top(), boundingBox.width(), boundingBox.height());
        return bucket + "/" + key + "#" + (versionId != null ? versionId : eTag) + "#" + box;
    }

    /** The answer's JSON object (see docs/construct.md). */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", day);
        json.put("seenAt", seenAt);
        json.put("bucket", bucket);
        json.put("key", key);
        if (versionId != null) {
            json.put("versionId", versionId);
        }
        if (boundingBox != null) {
            json.put("boundingBox", box(boundingBox));
        }
        json.put("similarity", similarity);
        if (personId != null) {
            json.put("personId", personId);
        }
        return json;
    }

    static Map<String, Object> box(BoundingBox box) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("left", box.left());
        json.put("top", box.top());
        json.put("width", box.width());
        json.put("height", box.height());
        return json;
    }
}
