package dev.facerec.engine.analysis;

/**
 * Facial expression ({@code fr_expression}): the square around the face box grown by 1.2, 224 × 224, px / 255 in
 * RGB; seven logits in the order angry, disgust, fear, happy, sad, surprise, neutral.
 */
final class ExpressionModel {

    /** The model's classes, in output order. */
    static final String[] CLASSES = {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"};

    static final int HAPPY = 3;

    private static final int SIZE = 224;
    private static final float GROWTH = 1.2f;

    private final OnnxModel model;

    ExpressionModel(OnnxModel model) {
        this.model = model;
    }

    /** Probabilities of the seven classes (sum 1). */
    float[] classify(RgbImage image, Detection face) {
        RgbImage crop = Crops.square(image, face, GROWTH, SIZE);
        return Softmax.of(model.runSingle(PixelNormalization.UNIT_RGB.chw(crop), "output"));
    }
}
