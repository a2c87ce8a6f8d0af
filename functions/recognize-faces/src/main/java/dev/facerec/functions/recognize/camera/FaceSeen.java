package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.recognition.IdentityStatus;
import dev.facerec.functions.core.recognition.RecognizedFace;
import java.util.List;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * One face of a frame, as the sightings need it: who (or nobody), how sure, where.
 *
 * @param personId the identified person, or {@code null}
 * @param score similarity for an identified face, detection confidence otherwise
 * @param x the centre of the bounding box, as a ratio of the width
 * @param y the centre of the bounding box, as a ratio of the height
 * @param lists the person's watch lists
 */
public record FaceSeen(String personId, float score, float x, float y, List<String> lists) {

    public FaceSeen {
        lists = List.copyOf(lists);
    }

    /** The sightings' view of a recognised face. */
    public static FaceSeen of(RecognizedFace face) {
        BoundingBox box = face.detail().boundingBox();
        float x = box == null ? 0.5f : ratio(box.left()) + ratio(box.width()) / 2;
        float y = box == null ? 0.5f : ratio(box.top()) + ratio(box.height()) / 2;
        boolean identified = face.identity().status() == IdentityStatus.IDENTIFIED;
        float score = identified && face.identity().similarity() != null
                ? face.identity().similarity()
                : face.detail().confidence() == null ? 0f : face.detail().confidence();
        return new FaceSeen(identified ? face.identity().personId() : null, score, x, y, face.lists());
    }

    private static float ratio(Float value) {
        return value == null ? 0f : value;
    }
}
