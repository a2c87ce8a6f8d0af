package dev.facerec.engine.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Rekognition's 30 landmark types from the 68 iBUG points. "Left" is the image's left, as in Rekognition
 * ({@code eyeLeft} has the smaller x). Pupils are the centres of the eyelid contours (the models locate no
 * pupil).
 */
final class RekognitionLandmarks {

    private static final Type[] TYPES = {
        new Type("eyeLeft", 37, 38, 40, 41),
        new Type("eyeRight", 43, 44, 46, 47),
        new Type("nose", 30),
        new Type("mouthLeft", 48),
        new Type("mouthRight", 54),
        new Type("leftEyeBrowLeft", 17),
        new Type("leftEyeBrowRight", 21),
        new Type("leftEyeBrowUp", 19),
        new Type("rightEyeBrowLeft", 22),
        new Type("rightEyeBrowRight", 26),
        new Type("rightEyeBrowUp", 24),
        new Type("leftEyeLeft", 36),
        new Type("leftEyeRight", 39),
        new Type("leftEyeUp", 37, 38),
        new Type("leftEyeDown", 40, 41),
        new Type("rightEyeLeft", 42),
        new Type("rightEyeRight", 45),
        new Type("rightEyeUp", 43, 44),
        new Type("rightEyeDown", 46, 47),
        new Type("noseLeft", 31),
        new Type("noseRight", 35),
        new Type("mouthUp", 51),
        new Type("mouthDown", 57),
        new Type("leftPupil", 37, 38, 40, 41),
        new Type("rightPupil", 43, 44, 46, 47),
        new Type("upperJawlineLeft", 0),
        new Type("midJawlineLeft", 4),
        new Type("chinBottom", 8),
        new Type("midJawlineRight", 12),
        new Type("upperJawlineRight", 16),
    };

    private RekognitionLandmarks() {}

    /** The landmarks as ratios of an image {@code width} × {@code height} pixels. */
    static List<DetectedFace.Landmark> of(FaceLandmarks points, float width, float height) {
        List<DetectedFace.Landmark> out = new ArrayList<>(TYPES.length);
        for (Type type : TYPES) {
            out.add(new DetectedFace.Landmark(
                    type.name(), points.meanX(type.points()) / width, points.meanY(type.points()) / height));
        }
        return out;
    }

    /** A Rekognition landmark type and the iBUG points whose mean it is. */
    private record Type(String name, int... points) {}
}
