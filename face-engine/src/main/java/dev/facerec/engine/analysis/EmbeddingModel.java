package dev.facerec.engine.analysis;

import java.util.concurrent.FutureTask;

/**
 * The identity embedding ({@code fr_feature}, MobileFaceNet-like): aligned 112 × 112 face, (px − 127) / 128 in BGR
 * order. The vector of the mirrored face is added before L2 normalisation (LFW 99.35 → 99.48 % in the
 * prototype).
 */
final class EmbeddingModel {

    static final int DIMENSION = 512;

    private final OnnxModel model;
    private final boolean mirrored;
    private final boolean alongside;

    /** @param alongside run the mirrored face on a helper thread beside the face ({@link Alongside}) */
    EmbeddingModel(OnnxModel model, boolean mirrored, boolean alongside) {
        this.model = model;
        this.mirrored = mirrored;
        this.alongside = alongside;
    }

    /** The face's vector; the mirrored face's run may go on a helper thread beside the face's own. */
    float[] embed(RgbImage aligned) {
        FutureTask<float[]> mirror = mirrored
                ? Alongside.start(
                        () -> model.runSingle(PixelNormalization.CENTRED_BGR.chw(aligned.mirrored()), "output"),
                        alongside)
                : null;
        float[] sum = model.runSingle(PixelNormalization.CENTRED_BGR.chw(aligned), "output");
        if (mirror != null) {
            float[] flipped = Alongside.result(mirror);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += flipped[i];
            }
        }
        return normalise(sum);
    }

    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
