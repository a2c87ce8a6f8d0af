package dev.facerec.engine.analysis;

/**
 * Resizing and warping of {@link RgbImage}s: area averaging when shrinking (no aliasing), bilinear interpolation
 * when enlarging, like OpenCV's {@code INTER_AREA} / {@code INTER_LINEAR}.
 */
final class Resampler {

    /** What a sample outside the source image reads. */
    enum Border {
        /** The nearest edge pixel. */
        REPLICATE,
        /** Black. */
        BLACK
    }

    private Resampler() {}

    /**
     * Resamples the rectangle ({@code x}, {@code y}, {@code w}, {@code h}) of {@code src} (pixel units, may reach
     * outside the image) to an image of {@code outW} × {@code outH}.
     */
    static RgbImage resize(RgbImage src, double x, double y, double w, double h, int outW, int outH, Border border) {
        Taps cols = Taps.of(x, w, outW, src.width(), border);
        Taps rows = Taps.of(y, h, outH, src.height(), border);
        int firstCol = cols.minIndex();
        int span = Math.max(0, cols.maxIndex() - firstCol + 1) * 3;
        int stride = src.width() * 3;
        byte[] px = src.pixels();
        byte[] out = new byte[outW * outH * 3];
        float[] line = new float[span];
        for (int o = 0; o < outH; o++) {
            // vertical first: the weighted sum of the source rows this output row reads, over the columns it needs
            java.util.Arrays.fill(line, 0f);
            for (int t = rows.start[o]; t < rows.start[o + 1]; t++) {
                int r = rows.index[t];
                if (r >= 0) {
                    float wt = rows.weight[t];
                    int base = r * stride + firstCol * 3;
                    for (int k = 0; k < span; k++) {
                        line[k] += wt * (px[base + k] & 0xff);
                    }
                }
            }
            int target = o * outW * 3;
            for (int i = 0; i < outW; i++) {
                float red = 0;
                float green = 0;
                float blue = 0;
                for (int t = cols.start[i]; t < cols.start[i + 1]; t++) {
                    int j = cols.index[t];
                    if (j >= 0) {
                        float wt = cols.weight[t];
                        int p = (j - firstCol) * 3;
                        red += wt * line[p];
                        green += wt * line[p + 1];
                        blue += wt * line[p + 2];
                    }
                }
                out[target + i * 3] = toByte(red);
                out[target + i * 3 + 1] = toByte(green);
                out[target + i * 3 + 2] = toByte(blue);
            }
        }
        return new RgbImage(outW, outH, out);
    }

    /**
     * Warps {@code src} by the affine map {@code m} from output to source coordinates
     * ({@code sx = m[0]·u + m[1]·v + m[2]}, {@code sy = m[3]·u + m[4]·v + m[5]}, pixel centres at integers),
     * bilinear, black outside.
     */
    static RgbImage warp(RgbImage src, double[] m, int outW, int outH) {
        byte[] out = new byte[outW * outH * 3];
        byte[] px = src.pixels();
        int w = src.width();
        int h = src.height();
        for (int v = 0; v < outH; v++) {
            for (int u = 0; u < outW; u++) {
                double sx = m[0] * u + m[1] * v + m[2];
                double sy = m[3] * u + m[4] * v + m[5];
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = (float) (sx - x0);
                float fy = (float) (sy - y0);
                int o = (v * outW + u) * 3;
                for (int c = 0; c < 3; c++) {
                    float top = lerp(pixel(px, w, h, x0, y0, c), pixel(px, w, h, x0 + 1, y0, c), fx);
                    float bottom = lerp(pixel(px, w, h, x0, y0 + 1, c), pixel(px, w, h, x0 + 1, y0 + 1, c), fx);
                    out[o + c] = toByte(lerp(top, bottom, fy));
                }
            }
        }
        return new RgbImage(outW, outH, out);
    }

    private static int pixel(byte[] px, int w, int h, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return 0;
        }
        return px[(y * w + x) * 3 + c] & 0xff;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }

    private static byte toByte(float v) {
        int i = Math.round(v);
        return (byte) (i < 0 ? 0 : Math.min(i, 255));
    }

    /** For each output index, the source indices (−1 = outside, black) and normalised weights it reads. */
    private static final class Taps {
        final int[] start;
        final int[] index;
        final float[] weight;

        private Taps(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        static Taps of(double origin, double length, int out, int size, Border border) {
            double scale = length / out;
            int perOutput = scale > 1 ? (int) Math.ceil(scale) + 2 : 2;
            int[] start = new int[out + 1];
            int[] index = new int[out * perOutput];
            float[] weight = new float[out * perOutput];
            int n = 0;
            for (int i = 0; i < out; i++) {
                start[i] = n;
                if (scale > 1) {
                    double a = origin + i * scale;
                    double b = a + scale;
                    for (int j = (int) Math.floor(a); j < Math.ceil(b); j++) {
                        double wt = Math.min(b, j + 1) - Math.max(a, j);
                        if (wt > 1e-6) {
                            index[n] = clamp(j, size, border);
                            weight[n++] = (float) (wt / scale);
                        }
                    }
                } else {
                    double c = origin + (i + 0.5) * scale - 0.5;
                    int j = (int) Math.floor(c);
                    float f = (float) (c - j);
                    index[n] = clamp(j, size, border);
                    weight[n++] = 1 - f;
                    index[n] = clamp(j + 1, size, border);
                    weight[n++] = f;
                }
            }
            start[out] = n;
            return new Taps(start, index, weight);
        }

        private static int clamp(int j, int size, Border border) {
            if (j >= 0 && j < size) {
                return j;
            }
            return border == Border.REPLICATE ? Math.max(0, Math.min(size - 1, j)) : -1;
        }

        int minIndex() {
            int min = Integer.MAX_VALUE;
            for (int t = 0; t < start[start.length - 1]; t++) {
                if (index[t] >= 0) {
                    min = Math.min(min, index[t]);
                }
            }
            return min == Integer.MAX_VALUE ? 0 : min;
        }

        int maxIndex() {
            int max = -1;
            for (int t = 0; t < start[start.length - 1]; t++) {
                max = Math.max(max, index[t]);
            }
            return max;
        }
    }
}
