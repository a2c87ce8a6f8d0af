package dev.facerec.local.rekognition.engine;

/**
 * The 68-point landmark model ({@code fr_landmark}): a grey 64 × 64 square crop, values / 256, output x, y in 0..1
 * of the crop. Three passes: the square around the face box (side = the box's longer side), then twice the square
 * placed around the previous pass's points as the first pass places it around a typical face (measured on the
 * deepface portraits and the face-api samples). Each pass averages the crop's points with those of its mirror image.
 * Against one pass on the box, this raised TAR at FAR 0.1 % on the shared identity pairs from 97.1 to 98.6 %.
 */
final class LandmarkModel {

  private static final int SIZE = 64;
  private static final int REFINEMENTS = 2;
  /** Side of a first-pass crop over the distance between the eye-corner centre and the mouth-corner centre. */
  private static final float SIDE_PER_EYE_MOUTH = 3.08f;
  /** Where the centre of the outer eye and mouth corners lies in a first-pass crop, in shares of its side. */
  private static final float CENTRE_X = 0.504f;
  private static final float CENTRE_Y = 0.571f;
  /** Index of each point's mirror image (left eye corner ↔ right eye corner, ...). */
  private static final int[] MIRROR = mirrorIndex();

  private final OnnxModel model;

  LandmarkModel(OnnxModel model) {
    this.model = model;
  }

  FaceLandmarks locate(RgbImage image, Detection face) {
    float side = Math.max(face.width(), face.height());
    FaceLandmarks points = run(image, (face.x1() + face.x2() - side) / 2, (face.y1() + face.y2() - side) / 2, side);
    for (int i = 0; i < REFINEMENTS; i++) {
      float cx = points.meanX(36, 45, 48, 54);
      float cy = points.meanY(36, 45, 48, 54);
      float eyeMouth = (float) Math.hypot(points.meanX(36, 39, 42, 45) - points.meanX(48, 54),
          points.meanY(36, 39, 42, 45) - points.meanY(48, 54));
      float refined = Math.max(4, eyeMouth * SIDE_PER_EYE_MOUTH);
      points = run(image, cx - refined * CENTRE_X, cy - refined * CENTRE_Y, refined);
    }
    return points;
  }

  /** The points in the square (left, top, side) of the image, averaged with those of its mirror image. */
  private FaceLandmarks run(RgbImage image, float left, float top, float side) {
    RgbImage crop = Resampler.resize(image, left, top, side, side, SIZE, SIZE, Resampler.Border.REPLICATE);
    float[] direct = model.runSingle(PixelNormalization.grey(crop, 256f), "output");
    float[] mirrored = model.runSingle(PixelNormalization.grey(crop.mirrored(), 256f), "output");
    float[] xs = new float[FaceLandmarks.COUNT];
    float[] ys = new float[FaceLandmarks.COUNT];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      int m = MIRROR[i];
      xs[i] = left + (direct[i * 2] + 1 - mirrored[m * 2]) / 2 * side;
      ys[i] = top + (direct[i * 2 + 1] + mirrored[m * 2 + 1]) / 2 * side;
    }
    return new FaceLandmarks(xs, ys);
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
        {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, {60, 64}, {61, 63}, {65, 67}}; // lips
    for (int[] p : pairs) {
      m[p[0]] = p[1];
      m[p[1]] = p[0];
    }
    return m;
  }
}
