package dev.facerec.engine.analysis;

/**
 * The 68-point landmark model ({@code fr_landmark}): a grey 64 × 64 square crop, values / 256, output x, y in 0..1
 * of the crop. Three passes: the square around the face box (side = the box's longer side), then twice the square
 * placed around the previous pass's points as the first pass places it around a typical face (measured on the
 * deepface portraits and the face-api samples). Each pass averages the crop's points with those of its mirror image.
 *
 * <p>How far the crop's points and its mirror image's points disagree tells whether the model found the face: on
 * a well-placed square they agree within ~2 % of the side; on a square that cuts the face or holds too much
 * background, they drift apart, and the next pass, placed by drifting points, can slide off the face (a face
 * looking down, seen from a detector box 10 % too high, converged on the forehead). So when the last pass
 * disagrees by more than {@link #RELIABLE}, the three passes are tried again from squares moved and scaled around
 * the box, stopping at the first reliable one, and the least disagreeing result is kept. Detector boxes of the same
 * face vary by ~10 % between a photo and a crop of it; this makes the landmarks, and so the embedding, depend on
 * the face instead of on where the box happened to fall.
 */
final class LandmarkModel {

    private static final int SIZE = 64;
    private static final int REFINEMENTS = 2;
    /** Side of a first-pass crop over the distance between the eye-corner centre and the mouth-corner centre. */
    private static final float SIDE_PER_EYE_MOUTH = 3.08f;
    /** Where the centre of the outer eye and mouth corners lies in a first-pass crop, in shares of its side. */
    private static final float CENTRE_X = 0.504f;

    private static final float CENTRE_Y = 0.571f;
    /** Mean distance between direct and mirrored points, in shares of the crop side, up to which a fit is trusted. */
    static final float RELIABLE = 0.03f;
    /** Other first squares, tried in this order: {scale of the box square, downward shift in box sides}. */
    private static final float[][] RESTARTS = {{1.2f, 0}, {1, 0.1f}, {1, -0.1f}, {0.85f, 0}, {1.2f, 0.1f}, {1.2f, -0.1f}
    };
    /** Index of each point's mirror image (left eye corner ↔ right eye corner, ...). */
    private static final int[] MIRROR = mirrorIndex();

    private final OnnxModel model;

    LandmarkModel(OnnxModel model) {
        this.model = model;
    }

    /** The points of the face in {@code face}'s box, in pixels of {@code image}. */
    FaceLandmarks locate(RgbImage image, Detection face) {
        float side = Math.max(face.width(), face.height());
        float cx = (face.x1() + face.x2()) / 2;
        float cy = (face.y1() + face.y2()) / 2;
        Fit best = refine(image, cx - side / 2, cy - side / 2, side);
        for (int i = 0; i < RESTARTS.length && best.disagreement() > RELIABLE; i++) {
            float s = side * RESTARTS[i][0];
            Fit fit = refine(image, cx - s / 2, cy + RESTARTS[i][1] * side - s / 2, s);
            if (fit.disagreement() < best.disagreement()) {
                best = fit;
            }
        }
        return best.points();
    }

    /** The three passes from the square (left, top, side). */
    private Fit refine(RgbImage image, float left, float top, float side) {
        Fit fit = run(image, left, top, side);
        for (int i = 0; i < REFINEMENTS; i++) {
            FaceLandmarks points = fit.points();
            float cx = points.meanX(36, 45, 48, 54);
            float cy = points.meanY(36, 45, 48, 54);
            float eyeMouth = (float) Math.hypot(
                    points.meanX(36, 39, 42, 45) - points.meanX(48, 54),
                    points.meanY(36, 39, 42, 45) - points.meanY(48, 54));
            float refined = Math.max(4, eyeMouth * SIDE_PER_EYE_MOUTH);
            fit = run(image, cx - refined * CENTRE_X, cy - refined * CENTRE_Y, refined);
        }
        return fit;
    }

    /** The points in the square (left, top, side) of the image, averaged with those of its mirror image. */
    private Fit run(RgbImage image, float left, float top, float side) {
        RgbImage crop = Resampler.resize(image, left, top, side, side, SIZE, SIZE, Resampler.Border.REPLICATE);
        float[] direct = model.runSingle(PixelNormalization.grey(crop, 256f), "output");
        float[] mirrored = model.runSingle(PixelNormalization.grey(crop.mirrored(), 256f), "output");
        float[] xs = new float[FaceLandmarks.COUNT];
        float[] ys = new float[FaceLandmarks.COUNT];
        double disagreement = 0;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            int m = MIRROR[i];
            float mirroredX = 1 - mirrored[m * 2];
            float mirroredY = mirrored[m * 2 + 1];
            xs[i] = left + (direct[i * 2] + mirroredX) / 2 * side;
            ys[i] = top + (direct[i * 2 + 1] + mirroredY) / 2 * side;
            disagreement += Math.hypot(direct[i * 2] - mirroredX, direct[i * 2 + 1] - mirroredY);
        }
        return new Fit(new FaceLandmarks(xs, ys), (float) (disagreement / FaceLandmarks.COUNT));
    }

    private static int[] mirrorIndex() {
        int[] m = new int[FaceLandmarks.COUNT];
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        int[][] pairs = {
            {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9}, // jaw
            {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22}, // brows
            {31, 35}, {32, 34}, // nostrils
            {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}, // eyes
            {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64}, {61, 63}, {65, 67}
        }; // lips
        for (int[] p : pairs) {
            m[p[0]] = p[1];
            m[p[1]] = p[0];
        }
        return m;
    }

    /**
     * Points from one pass, and the mean distance between the crop's and the mirrored crop's points in shares of
     * the crop side.
     */
    private record Fit(FaceLandmarks points, float disagreement) {}
}
