package dev.facerec.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the attribute models' outputs into Rekognition's terms. Each mapping is documented in
 * {@code docs/face-engine.md}; attributes no model estimates are not produced.
 */
final class AttributeEstimator {

    /** Rekognition emotion type for each expression class; {@code null}: not reported (neutral). */
    private static final String[] EMOTION_TYPES = {"ANGRY", "DISGUSTED", "FEAR", "HAPPY", "SAD", "SURPRISED", null};
    /** fr_gender's output above which a face is called male (measured in the prototype). */
    private static final float MALE_ABOVE = 0.6f;
    /** Inner-lip gap over mouth width at which the mouth counts as open (50 % confidence). */
    private static final float MOUTH_OPEN_RATIO = 0.15f;

    private static final float MOUTH_OPEN_SOFTNESS = 0.03f;

    private final SsrNetModel age;
    private final SsrNetModel gender;
    private final ExpressionModel expression;
    private final EyeModel eyes;

    AttributeEstimator(SsrNetModel age, SsrNetModel gender, ExpressionModel expression, EyeModel eyes) {
        this.age = age;
        this.gender = gender;
        this.expression = expression;
        this.eyes = eyes;
    }

    FaceAttributes estimate(RgbImage image, Detection face, FaceLandmarks points) {
        float years = age.predict(image, face) * 101;
        float spread = Math.max(4, 0.2f * years);
        int ageLow = Math.max(0, (int) Math.floor(years - spread));
        int ageHigh = (int) Math.ceil(years + spread);

        float male = gender.predict(image, face);
        boolean isMale = male > MALE_ABOVE;
        float genderConfidence = isMale
                ? 50 + 50 * Math.min(1, (male - MALE_ABOVE) / (1 - MALE_ABOVE))
                : 50 + 50 * Math.min(1, (MALE_ABOVE - male) / MALE_ABOVE);

        float[] classes = expression.classify(image, face);
        List<FaceAttributes.Emotion> emotions = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            if (EMOTION_TYPES[i] != null) {
                emotions.add(new FaceAttributes.Emotion(EMOTION_TYPES[i], classes[i] * 100));
            }
        }
        emotions.sort(
                Comparator.comparingDouble(FaceAttributes.Emotion::confidence).reversed());
        float happy = classes[ExpressionModel.HAPPY];

        float[] open = eyes.openProbabilities(image, points);
        float leastOpen = Math.min(open[0], open[1]);
        boolean eyesOpen = leastOpen > 0.5f;

        float mouth = mouthOpenProbability(points);
        return new FaceAttributes(
                ageLow,
                ageHigh,
                isMale ? "Male" : "Female",
                genderConfidence,
                emotions,
                eyesOpen,
                confidence(eyesOpen, leastOpen),
                mouth > 0.5f,
                confidence(mouth > 0.5f, mouth),
                happy > 0.5f,
                confidence(happy > 0.5f, happy));
    }

    /** Probability that the mouth is open, from the gap between the inner lips relative to the mouth's width. */
    static float mouthOpenProbability(FaceLandmarks p) {
        float gap = (float)
                Math.hypot(p.meanX(65, 66, 67) - p.meanX(61, 62, 63), p.meanY(65, 66, 67) - p.meanY(61, 62, 63));
        float ratio = gap / Math.max(1e-3f, p.distance(48, 54));
        return (float) (1 / (1 + Math.exp(-(ratio - MOUTH_OPEN_RATIO) / MOUTH_OPEN_SOFTNESS)));
    }

    private static float confidence(boolean value, float probability) {
        return 100 * (value ? probability : 1 - probability);
    }
}
