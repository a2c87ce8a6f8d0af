package dev.facerec.engine.analysis;

/**
 * JPEG's YCbCr to RGB conversion exactly as libjpeg computes it ({@code jdcolor.c}: 16-bit fixed point, tables per
 * chroma value), so that raw samples converted here match what ImageIO's decoder would have given.
 */
final class YCbCr {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private YCbCr() {}

    /** Writes the RGB of ({@code y}, {@code cb}, {@code cr}), each 0–255, to {@code out[at..at+2]}. */
    static void toRgb(int y, int cb, int cr, byte[] out, int at) {
        out[at] = clamp(y + CR_R[cr]);
        out[at + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
        out[at + 2] = clamp(y + CB_B[cb]);
    }

    private static int fix(double value) {
        return (int) (value * (1L << SCALE_BITS) + 0.5);
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
