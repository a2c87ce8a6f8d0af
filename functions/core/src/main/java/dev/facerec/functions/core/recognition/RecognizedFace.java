package dev.facerec.functions.core.recognition;

import java.util.List;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * One face of a photo: what DetectFaces measured and who it is.
 *
 * @param detail      DetectFaces' description (all attributes)
 * @param identity    the search outcome
 * @param profile     the person's name and watch lists ({@link PersonProfile#NONE} when not identified)
 */
public record RecognizedFace(FaceDetail detail, Identity identity, PersonProfile profile) {

    /** The person's display name, when identified and known. */
    public String displayName() {
        return profile.displayName();
    }

    /** The watch lists of the person, empty when not identified or on no list. */
    public List<String> lists() {
        return profile.lists();
    }
}
