package dev.facerec.engine.analysis;

/**
 * The 68 facial points of one face (iBUG 300-W order) in pixel coordinates of the analysed raster, and the points
 * derived from them.
 */
final class FaceLandmarks {

    static final int COUNT = 68;

    private final float[] xs;
    private final float[] ys;

    FaceLandmarks(float[] xs, float[] ys) {
        if (xs.length != COUNT || ys.length != COUNT) {
            throw new IllegalArgumentException("68 points expected");
        }
        this.xs = xs;
        this.ys = ys;
    }

    float x(int i) {
        return xs[i];
    }

    float y(int i) {
        return ys[i];
    }

    /** Mean x of the given points. */
    float meanX(int... points) {
        float sum = 0;
        for (int p : points) {
            sum += xs[p];
        }
        return sum / points.length;
    }

    /** Mean y of the given points. */
    float meanY(int... points) {
        float sum = 0;
        for (int p : points) {
            sum += ys[p];
        }
        return sum / points.length;
    }

    /** Distance between two points. */
    float distance(int a, int b) {
        return (float) Math.hypot(xs[a] - xs[b], ys[a] - ys[b]);
    }

    /**
     * The five alignment points as {x0, y0, x1, y1, ...}: centre of the eye on the image's left (mean of its four
     * eyelid points), the other eye, nose tip, left and right mouth corners (mean of outer and inner lip corners).
     */
    double[] fivePoints() {
        return new double[] {
            meanX(37, 38, 40, 41),
            meanY(37, 38, 40, 41),
            meanX(43, 44, 46, 47),
            meanY(43, 44, 46, 47),
            xs[30],
            ys[30],
            meanX(48, 60),
            meanY(48, 60),
            meanX(54, 64),
            meanY(54, 64)
        };
    }
}
