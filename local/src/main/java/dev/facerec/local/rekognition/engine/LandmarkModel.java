package dev.facerec.local.rekognition.engine;

/**
 * The 68-point landmark model ({@code fr_landmark}): a grey 64 × 64 crop of the square around the face box
 * (side = box height), values / 256; output x, y in 0..1 of the crop.
 */
final class LandmarkModel {

  private static final int SIZE = 64;

  private final OnnxModel model;

  LandmarkModel(OnnxModel model) {
    this.model = model;
  }

  FaceLandmarks locate(RgbImage image, Detection face) {
    float side = face.height();
    float left = (face.x1() + face.x2()) / 2 - side / 2;
    float top = face.y1();
    RgbImage crop = Resampler.resize(image, left, top, side, side, SIZE, SIZE, Resampler.Border.REPLICATE);
    float[] out = model.runSingle(PixelNormalization.grey(crop, 256f), "output");
    float[] xs = new float[FaceLandmarks.COUNT];
    float[] ys = new float[FaceLandmarks.COUNT];
    for (int i = 0; i < FaceLandmarks.COUNT; i++) {
      xs[i] = left + out[i * 2] * side;
      ys[i] = top + out[i * 2 + 1] * side;
    }
    return new FaceLandmarks(xs, ys);
  }
}
