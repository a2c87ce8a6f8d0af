package dev.facerec.engine.analysis;

/**
 * How a model wants its pixels: channel order and per-channel {@code (value / 255 − mean) / std}, written as
 * planar CHW floats (or one grey plane).
 */
enum PixelNormalization {
    /** (px − 127) / 128 in RGB order (detector). */
    CENTRED_RGB(
            false, new float[] {127f / 255, 127f / 255, 127f / 255}, new float[] {128f / 255, 128f / 255, 128f / 255}),
    /** (px − 127) / 128 in BGR order (embedding). */
    CENTRED_BGR(
            true, new float[] {127f / 255, 127f / 255, 127f / 255}, new float[] {128f / 255, 128f / 255, 128f / 255}),
    /** ImageNet mean and standard deviation, RGB (age, pose). */
    IMAGENET_RGB(false, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
    /** ImageNet mean and standard deviation applied to BGR-ordered input (gender: measured better). */
    IMAGENET_BGR(true, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}),
    /** px / 255, RGB (expression). */
    UNIT_RGB(false, new float[] {0, 0, 0}, new float[] {1, 1, 1}),
    /** Raw 0..255, RGB. */
    RAW_RGB(false, new float[] {0, 0, 0}, new float[] {1f / 255, 1f / 255, 1f / 255}),
    /** Raw 0..255, BGR (liveness). */
    RAW_BGR(true, new float[] {0, 0, 0}, new float[] {1f / 255, 1f / 255, 1f / 255});

    private final boolean bgr;
    private final float[] mean;
    private final float[] std;

    PixelNormalization(boolean bgr, float[] mean, float[] std) {
        this.bgr = bgr;
        this.mean = mean;
        this.std = std;
    }

    /** The image as a [3, h, w] tensor, written into {@code out} at {@code offset}. */
    void writeChw(RgbImage img, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] px = img.pixels();
        float[] table = new float[256];
        for (int c = 0; c < 3; c++) {
            int source = bgr ? 2 - c : c;
            for (int v = 0; v < 256; v++) {
                table[v] = (v / 255f - mean[c]) / std[c];
            }
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = table[px[i * 3 + source] & 0xff];
            }
        }
    }

    /** The image as a new [3, h, w] tensor. */
    float[] chw(RgbImage img) {
        float[] out = new float[3 * img.width() * img.height()];
        writeChw(img, out, 0);
        return out;
    }

    /** Luma of the image divided by {@code divisor}, as a [1, h, w] tensor. */
    static float[] grey(RgbImage img, float divisor) {
        float[] out = new float[img.width() * img.height()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                out[y * img.width() + x] = img.luma(x, y) / divisor;
            }
        }
        return out;
    }
}
