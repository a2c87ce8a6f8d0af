package dev.facerec.engine.analysis;

/**
 * Brightness and sharpness of a face, measured on the inner part of its aligned 112 × 112 crop (so that faces of
 * any size are measured at the same scale, and the black border of faces at the image edge is left out).
 * Brightness: mean luma / 255 × 100. Sharpness: variance of the 4-neighbour Laplacian of luma, mapped to 0–100 by
 * {@code 100 × (1 − exp(−variance / SHARPNESS_SCALE))}.
 */
final class QualityMeter {

    /** Laplacian variance that reads as 63 % sharpness; see docs/face-engine.md for how it was chosen. */
    static final float SHARPNESS_SCALE = 150f;

    private static final int LEFT = 24;
    private static final int RIGHT = 88;
    private static final int TOP = 24;
    private static final int BOTTOM = 104;

    private QualityMeter() {}

    static DetectedFace.Quality measure(RgbImage aligned) {
        int w = RIGHT - LEFT;
        int h = BOTTOM - TOP;
        float[] luma = new float[w * h];
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = aligned.luma(LEFT + x, TOP + y);
                luma[y * w + x] = v;
                sum += v;
            }
        }
        double laplaceSum = 0;
        double laplaceSquares = 0;
        int n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                double lap = luma[i - 1] + luma[i + 1] + luma[i - w] + luma[i + w] - 4 * luma[i];
                laplaceSum += lap;
                laplaceSquares += lap * lap;
                n++;
            }
        }
        double mean = laplaceSum / n;
        double variance = laplaceSquares / n - mean * mean;
        float brightness = (float) (sum / luma.length / 255 * 100);
        float sharpness = (float) (100 * (1 - Math.exp(-variance / SHARPNESS_SCALE)));
        return new DetectedFace.Quality(brightness, sharpness);
    }
}
