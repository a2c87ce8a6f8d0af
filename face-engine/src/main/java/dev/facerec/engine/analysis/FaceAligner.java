package dev.facerec.engine.analysis;

/**
 * Aligns a face to the 112 × 112 ArcFace five-point template by the least-squares similarity transform (rotation,
 * uniform scale, translation) from its five points, bilinear with a black border. A face much larger than the
 * template is first shrunk by area averaging, so that the bilinear warp does not alias.
 */
final class FaceAligner {

    static final int SIZE = 112;
    /** Source pixels per template pixel above which the face is shrunk before warping. */
    private static final double MAX_WARP_SCALE = 1.5;

    /** ArcFace's reference points for a 112 × 112 crop: eyes, nose tip, mouth corners. */
    private static final double[] TEMPLATE = {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041
    };

    private FaceAligner() {}

    static RgbImage align(RgbImage image, FaceLandmarks landmarks) {
        double[] src = landmarks.fivePoints();
        // Landmarks use pixel edges (pixel i spans [i, i + 1)); the warp uses pixel centres.
        for (int i = 0; i < src.length; i++) {
            src[i] -= 0.5;
        }
        double[] m = outputToSource(src, TEMPLATE);
        double scale = Math.hypot(m[0], m[3]);
        if (scale <= MAX_WARP_SCALE) {
            return Resampler.warp(image, m, SIZE, SIZE);
        }
        // the source rectangle the template square covers, in continuous coordinates (pixel i spans [i, i + 1))
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int corner = 0; corner < 4; corner++) {
            double u = (corner & 1) == 0 ? -1 : SIZE;
            double v = (corner & 2) == 0 ? -1 : SIZE;
            double x = m[0] * u + m[1] * v + m[2] + 0.5;
            double y = m[3] * u + m[4] * v + m[5] + 0.5;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int w = (int) Math.ceil((maxX - minX) / scale);
        int h = (int) Math.ceil((maxY - minY) / scale);
        double kx = (maxX - minX) / w;
        double ky = (maxY - minY) / h;
        RgbImage region = Resampler.resize(image, minX, minY, maxX - minX, maxY - minY, w, h, Resampler.Border.BLACK);
        double[] shrunk = {
            m[0] / kx, m[1] / kx, (m[2] + 0.5 - minX) / kx - 0.5,
            m[3] / ky, m[4] / ky, (m[5] + 0.5 - minY) / ky - 0.5
        };
        return Resampler.warp(region, shrunk, SIZE, SIZE);
    }

    /**
     * The affine map from template to source coordinates, inverse of the least-squares similarity that takes the
     * source points onto the template points.
     */
    static double[] outputToSource(double[] src, double[] dst) {
        int n = src.length / 2;
        double msx = 0;
        double msy = 0;
        double mdx = 0;
        double mdy = 0;
        for (int i = 0; i < n; i++) {
            msx += src[2 * i] / n;
            msy += src[2 * i + 1] / n;
            mdx += dst[2 * i] / n;
            mdy += dst[2 * i + 1] / n;
        }
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < n; i++) {
            double ax = src[2 * i] - msx;
            double ay = src[2 * i + 1] - msy;
            double bx = dst[2 * i] - mdx;
            double by = dst[2 * i + 1] - mdy;
            dot += ax * bx + ay * by;
            cross += ax * by - ay * bx;
            norm += ax * ax + ay * ay;
        }
        if (norm < 1e-9) {
            throw new IllegalArgumentException("degenerate face points");
        }
        double a = dot / norm;
        double b = cross / norm;
        // forward: dst = [a -b; b a] src + t ; inverse: src = [a b; -b a] (dst - t) / (a² + b²)
        double tx = mdx - (a * msx - b * msy);
        double ty = mdy - (b * msx + a * msy);
        double det = a * a + b * b;
        double ia = a / det;
        double ib = b / det;
        return new double[] {ia, ib, -(ia * tx + ib * ty), -ib, ia, -(-ib * tx + ia * ty)};
    }
}
