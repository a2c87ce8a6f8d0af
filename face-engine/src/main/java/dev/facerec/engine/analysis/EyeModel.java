package dev.facerec.engine.analysis;

/**
 * Eye state ({@code fr_eye}): a grey 24 × 24 square on one eye (side 1.6 × the distance between its corners,
 * centred on the mean of its four eyelid points), px / 255; two logits, index 0 = closed.
 */
final class EyeModel {

    private static final int SIZE = 24;
    private static final float GROWTH = 1.6f;
    private static final int[][] EYES = {{36, 39, 37, 38, 40, 41}, {42, 45, 43, 44, 46, 47}};

    private final OnnxModel model;

    EyeModel(OnnxModel model) {
        this.model = model;
    }

    /** Probability that each eye (image-left, image-right) is open. */
    float[] openProbabilities(RgbImage image, FaceLandmarks points) {
        float[] open = new float[2];
        for (int e = 0; e < 2; e++) {
            int[] eye = EYES[e];
            float side = Math.max(2, points.distance(eye[0], eye[1]) * GROWTH);
            float cx = points.meanX(eye[2], eye[3], eye[4], eye[5]);
            float cy = points.meanY(eye[2], eye[3], eye[4], eye[5]);
            RgbImage crop = Resampler.resize(
                    image, cx - side / 2, cy - side / 2, side, side, SIZE, SIZE, Resampler.Border.REPLICATE);
            open[e] = Softmax.of(model.runSingle(PixelNormalization.grey(crop, 255f), "output"))[1];
        }
        return open;
    }
}
