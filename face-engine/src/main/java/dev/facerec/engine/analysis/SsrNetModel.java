package dev.facerec.engine.analysis;

/**
 * An SSR-Net regression model ({@code fr_age} or {@code fr_gender}): the square around the face box grown to 1.4
 * times its side (moved to stay inside the image), 64 × 64, ImageNet normalisation; the nine output tensors are
 * combined by SSR-Net's stage-wise soft regression.
 */
final class SsrNetModel {

    private static final int SIZE = 64;
    private static final float GROWTH = 1.4f;
    private static final String[] OUTPUTS = {
        "prob_stage_1",
        "prob_stage_2",
        "prob_stage_3",
        "stage1_delta_k",
        "stage2_delta_k",
        "stage3_delta_k",
        "index_offset_stage1",
        "index_offset_stage2",
        "index_offset_stage3"
    };

    private final OnnxModel model;
    private final PixelNormalization normalization;

    SsrNetModel(OnnxModel model, PixelNormalization normalization) {
        this.model = model;
        this.normalization = normalization;
    }

    /** The regression value in 0..1 (× 101 = age in years; for gender, the male score). */
    float predict(RgbImage image, Detection face) {
        RgbImage crop = Crops.square(image, face, GROWTH, SIZE);
        float[][] out = model.run(normalization.chw(crop), OUTPUTS);
        float[] prob = new float[9];
        float[] offset = new float[9];
        float[] delta = new float[3];
        for (int stage = 0; stage < 3; stage++) {
            System.arraycopy(out[stage], 0, prob, stage * 3, 3);
            System.arraycopy(out[6 + stage], 0, offset, stage * 3, 3);
            delta[stage] = out[3 + stage][0];
        }
        float value = 0;
        float divisor = 1;
        for (int stage = 0; stage < 3; stage++) {
            divisor *= 3 * (1 + delta[stage]);
            float sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += (i + offset[stage * 3 + i]) * prob[stage * 3 + i];
            }
            value += sum / divisor;
        }
        return value;
    }
}
