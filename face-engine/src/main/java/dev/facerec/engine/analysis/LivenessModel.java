package dev.facerec.engine.analysis;

/**
 * Passive liveness ({@code fr_liveness}): one still of a face, judged a live person in front of the camera or a
 * presentation attack (a photo, a screen). Input: the face box grown 2.7 times about its centre (less when the image
 * is too small; aspect kept, moved to stay inside the image), resized to 128 × 128 without keeping the aspect, raw
 * 0..255 values; output: three logits, index 0 = real.
 */
final class LivenessModel {

    static final int SIZE = 128;
    static final float GROWTH = 2.7f;

    private final OnnxModel model;
    private final PixelNormalization pixels;

    LivenessModel(OnnxModel model, PixelNormalization pixels) {
        this.model = model;
        this.pixels = pixels;
    }

    /** Probability (0..1) that {@code face} of {@code image} is a live person. */
    float live(RgbImage image, Detection face) {
        return Softmax.of(model.runSingle(pixels.chw(crop(image, face)), "output"))[0];
    }

    /** The model's input crop of {@code face}. */
    static RgbImage crop(RgbImage image, Detection face) {
        float boxW = Math.max(1, face.width());
        float boxH = Math.max(1, face.height());
        float scale = Math.min(GROWTH, Math.min((image.height() - 1) / boxH, (image.width() - 1) / boxW));
        float w = boxW * scale;
        float h = boxH * scale;
        float left = inside((face.x1() + face.x2()) / 2 - w / 2, w, image.width() - 1);
        float top = inside((face.y1() + face.y2()) / 2 - h / 2, h, image.height() - 1);
        return Resampler.resize(image, left, top, w, h, SIZE, SIZE, Resampler.Border.REPLICATE);
    }

    private static float inside(float start, float length, int limit) {
        return Math.max(0, Math.min(start, limit - length));
    }
}
