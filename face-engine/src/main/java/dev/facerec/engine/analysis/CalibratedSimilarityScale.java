package dev.facerec.engine.analysis;

import java.util.Arrays;

/**
 * A piecewise-linear, strictly increasing map from cosine similarity to Rekognition's 0–100 similarity through
 * calibrated anchor points. {@link #DEFAULT} is derived from measurements on labelled face pairs; how is written
 * in {@code docs/face-engine.md}.
 */
public final class CalibratedSimilarityScale implements SimilarityScale {

    /**
     * The scale used by {@link OnnxFaceEngine}, from the 2,931 same-person and 425,265 different-person pairs of the
     * shared photos ({@code deepface/} and {@code identities/}): 0 cosine (the median different pair) reads 20; the
     * cosine exceeded by 1 % of different pairs (0.24) reads 50; 0.35 (exceeded by 0.06 % of different pairs, reached
     * by 98.1 % of same pairs) reads 80, Rekognition's default threshold; 0.45 (0.002 %) reads 90; the median
     * same-person pair (0.69) reads 97; 0.85 reads 99; the same image reads 100.
     */
    public static final CalibratedSimilarityScale DEFAULT = new CalibratedSimilarityScale(
            new float[] {-1f, 0f, 0.24f, 0.35f, 0.45f, 0.69f, 0.85f, 1f},
            new float[] {0f, 20f, 50f, 80f, 90f, 97f, 99f, 100f});

    private final float[] cosines;
    private final float[] percents;

    /**
     * @param cosines  anchor cosines, strictly increasing, from −1 to 1
     * @param percents the similarity at each anchor, strictly increasing, from 0 to 100
     */
    public CalibratedSimilarityScale(float[] cosines, float[] percents) {
        if (cosines.length < 2 || cosines.length != percents.length) {
            throw new IllegalArgumentException("need at least two anchors, as many cosines as percents");
        }
        if (cosines[0] != -1f
                || cosines[cosines.length - 1] != 1f
                || percents[0] != 0f
                || percents[percents.length - 1] != 100f) {
            throw new IllegalArgumentException("anchors must run from (-1, 0) to (1, 100), got "
                    + Arrays.toString(cosines) + " -> " + Arrays.toString(percents));
        }
        for (int i = 1; i < cosines.length; i++) {
            if (!(cosines[i] > cosines[i - 1]) || !(percents[i] > percents[i - 1])) {
                throw new IllegalArgumentException("anchors must increase strictly, got " + Arrays.toString(cosines)
                        + " -> " + Arrays.toString(percents));
            }
        }
        this.cosines = cosines.clone();
        this.percents = percents.clone();
    }

    @Override
    public float toPercent(float cosine) {
        return interpolate(Math.max(-1f, Math.min(1f, cosine)), cosines, percents);
    }

    @Override
    public float toCosine(float percent) {
        return interpolate(Math.max(0f, Math.min(100f, percent)), percents, cosines);
    }

    private static float interpolate(float x, float[] xs, float[] ys) {
        for (int i = 1; i < xs.length; i++) {
            if (x <= xs[i]) {
                float t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }

    @Override
    public String toString() {
        return "CalibratedSimilarityScale" + Arrays.toString(cosines) + "->" + Arrays.toString(percents);
    }
}
