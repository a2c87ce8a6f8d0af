package dev.facerec.engine.analysis;

import java.util.List;

/**
 * Appearance-based predictions for one face, in Rekognition's terms. Only what the models can actually estimate
 * is here; Rekognition attributes without a model (beard, glasses, occlusion, gaze, ...) are absent, not
 * invented.
 *
 * @param ageLow           lower bound of the estimated age range, years
 * @param ageHigh          upper bound of the estimated age range, years
 * @param gender           {@code Male} or {@code Female}
 * @param genderConfidence 0–100
 * @param emotions         Rekognition emotion types that the expression model covers, highest confidence first
 * @param eyesOpen         whether both eyes are open
 * @param eyesOpenConfidence 0–100
 * @param mouthOpen        whether the mouth is open (from landmark geometry)
 * @param mouthOpenConfidence 0–100
 * @param smile            whether the face smiles
 * @param smileConfidence  0–100
 */
public record FaceAttributes(
        int ageLow,
        int ageHigh,
        String gender,
        float genderConfidence,
        List<Emotion> emotions,
        boolean eyesOpen,
        float eyesOpenConfidence,
        boolean mouthOpen,
        float mouthOpenConfidence,
        boolean smile,
        float smileConfidence) {

    /** An emotion: Rekognition's type name ({@code HAPPY}, {@code SAD}, ...) and confidence 0–100. */
    public record Emotion(String type, float confidence) {}
}
