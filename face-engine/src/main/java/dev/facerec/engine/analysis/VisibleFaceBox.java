package dev.facerec.engine.analysis;

/**
 * The box a face is reported with: the part of the image the face covers. The detector's box alone overstates
 * faces that it sees only in part: for a face cut by the image edge (or a profile at the edge, or a face-like
 * pattern), it returns a box taller than the face and reaching past the edge — on LFW's 250 × 250 crops a
 * neighbour's half face got 0.26 × 0.74 of the image against 0.38 × 0.50 for the subject, and was taken as the
 * largest face. So the box of a face at the edge is cut to where the landmarks put the face (a box of the typical
 * face's proportions around the eyes and mouth, with some margin), then to the image. Faces away from the edge
 * keep the detector's box: there it describes the face, and landmarks can fail where the detector does not (a
 * face upside down).
 */
final class VisibleFaceBox {

    /** Face box height and width over the distance between the eye centres' and the mouth corners' midpoints. */
    private static final float HEIGHT_PER_EYE_MOUTH = 2.95f;

    private static final float WIDTH_PER_EYE_MOUTH = 2.08f;
    /** Where the eye line lies in that box, in shares of its height from the top. */
    private static final float EYE_LINE = 0.40f;
    /** The landmark box is grown by this factor about its centre before cutting: it trims, it does not reshape. */
    private static final float MARGIN = 1.15f;
    /** A box this close to a side of the image (in shares of that side) may hold a face cut by the edge. */
    private static final float EDGE = 0.02f;

    private VisibleFaceBox() {}

    /**
     * The detector's box, cut to the landmark box when it reaches the edge of the image ({@code width} ×
     * {@code height} pixels), and to the image; the score is the detector's.
     */
    static Detection of(Detection detected, FaceLandmarks points, int width, int height) {
        if (!nearEdge(detected, width, height)) {
            return inside(detected, width, height);
        }
        float eyeX = points.meanX(37, 38, 40, 41, 43, 44, 46, 47);
        float eyeY = points.meanY(37, 38, 40, 41, 43, 44, 46, 47);
        float mouthX = points.meanX(48, 54);
        float mouthY = points.meanY(48, 54);
        float eyeMouth = (float) Math.hypot(eyeX - mouthX, eyeY - mouthY);
        float boxW = eyeMouth * WIDTH_PER_EYE_MOUTH;
        float boxH = eyeMouth * HEIGHT_PER_EYE_MOUTH;
        float centreX = (eyeX + mouthX) / 2;
        float centreY = eyeY + (0.5f - EYE_LINE) * boxH;
        float halfW = boxW * MARGIN / 2;
        float halfH = boxH * MARGIN / 2;
        float x1 = clamp(Math.max(detected.x1(), centreX - halfW), width);
        float y1 = clamp(Math.max(detected.y1(), centreY - halfH), height);
        float x2 = clamp(Math.min(detected.x2(), centreX + halfW), width);
        float y2 = clamp(Math.min(detected.y2(), centreY + halfH), height);
        if (x2 <= x1 || y2 <= y1) {
            // Landmarks off the detected box (they never should be): keep the detector's box.
            return inside(detected, width, height);
        }
        return new Detection(x1, y1, x2, y2, detected.score());
    }

    private static boolean nearEdge(Detection d, int width, int height) {
        return d.x1() < EDGE * width
                || d.y1() < EDGE * height
                || d.x2() > (1 - EDGE) * width
                || d.y2() > (1 - EDGE) * height;
    }

    private static Detection inside(Detection d, int width, int height) {
        return new Detection(
                clamp(d.x1(), width), clamp(d.y1(), height), clamp(d.x2(), width), clamp(d.y2(), height), d.score());
    }

    private static float clamp(float value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }
}
