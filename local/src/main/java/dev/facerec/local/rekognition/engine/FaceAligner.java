package dev.facerec.local.rekognition.engine;

/**
 * Aligns a face to the 112 × 112 ArcFace five-point template by the least-squares similarity transform (rotation,
 * uniform scale, translation) from its five points, bilinear with a black border.
 */
final class FaceAligner {

  static final int SIZE = 112;

  /** ArcFace's reference points for a 112 × 112 crop: eyes, nose tip, mouth corners. */
  private static final double[] TEMPLATE = {
      38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041};

  private FaceAligner() {}

  static RgbImage align(RgbImage image, FaceLandmarks landmarks) {
    double[] src = landmarks.fivePoints();
    // Landmarks use pixel edges (pixel i spans [i, i + 1)); the warp uses pixel centres.
    for (int i = 0; i < src.length; i++) {
      src[i] -= 0.5;
    }
    return Resampler.warp(image, outputToSource(src, TEMPLATE), SIZE, SIZE);
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
