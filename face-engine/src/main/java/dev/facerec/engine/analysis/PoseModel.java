package dev.facerec.engine.analysis;

/**
 * Head pose ({@code fr_pose}, a Hopenet-style network): the face box grown by a quarter on each side (kept inside
 * the image), 224 × 224, ImageNet normalisation; three 66-bin heads (yaw, pitch, roll), angle = Σ softmax·i·3 − 99.
 */
final class PoseModel {

    private static final int SIZE = 224;

    private final OnnxModel model;

    PoseModel(OnnxModel model) {
        this.model = model;
    }

    DetectedFace.Pose estimate(RgbImage image, Detection face) {
        float dx = face.width() / 4;
        float dy = face.height() / 4;
        float x1 = Math.max(0, face.x1() - dx);
        float y1 = Math.max(0, face.y1() - dy);
        float x2 = Math.min(image.width(), face.x2() + dx);
        float y2 = Math.min(image.height(), face.y2() + dy);
        RgbImage crop = Resampler.resize(image, x1, y1, x2 - x1, y2 - y1, SIZE, SIZE, Resampler.Border.REPLICATE);
        float[][] out = model.run(PixelNormalization.IMAGENET_RGB.chw(crop), "output", "617", "618");
        return new DetectedFace.Pose(angle(out[2]), angle(out[0]), angle(out[1]));
    }

    private static float angle(float[] logits) {
        float[] p = Softmax.of(logits);
        float sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] * i;
        }
        return sum * 3 - 99;
    }
}
