package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.recognition.IdentityStatus;
import dev.facerec.functions.core.recognition.RecognizedFace;
import java.util.List;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * One face of a frame, as the sightings need it: who (or nobody), how sure, where.
 *
 * @param personId the identified person (similarity at or above the naming threshold), or {@code null}
 * @param candidate for a face not named: the enrolled person it resembles at or above the tracking threshold (below
 *     the naming one), or {@code null}; used only to continue that person's open sighting, never to name anyone
 * @param score similarity for an identified face, detection confidence otherwise
 * @param x the centre of the bounding box, as a ratio of the width
 * @param y the centre of the bounding box, as a ratio of the height
 * @param lists the person's watch lists
 */
public record FaceSeen(String personId, String candidate, float score, float x, float y, List<String> lists) {

    public FaceSeen {
        lists = List.copyOf(lists);
    }

    /** A face without a candidate. */
    public FaceSeen(String personId, float score, float x, float y, List<String> lists) {
        this(personId, null, score, x, y, lists);
    }

    /**
     * The sightings' view of a recognised face, searched at the tracking threshold: a match at or above
     * {@code namingThreshold} names the person, a lower one only makes them the face's candidate.
     */
    public static FaceSeen of(RecognizedFace face, float namingThreshold) {
        BoundingBox box = face.detail().boundingBox();
        float x = box == null ? 0.5f : ratio(box.left()) + ratio(box.width()) / 2;
        float y = box == null ? 0.5f : ratio(box.top()) + ratio(box.height()) / 2;
        boolean matched = face.identity().status() == IdentityStatus.IDENTIFIED
                && face.identity().personId() != null
                && face.identity().similarity() != null;
        boolean named = matched && face.identity().similarity() >= namingThreshold;
        float confidence =
                face.detail().confidence() == null ? 0f : face.detail().confidence();
        if (named) {
            return new FaceSeen(
                    face.identity().personId(), null, face.identity().similarity(), x, y, face.lists());
        }
        return new FaceSeen(null, matched ? face.identity().personId() : null, confidence, x, y, List.of());
    }

    private static float ratio(Float value) {
        return value == null ? 0f : value;
    }
}
