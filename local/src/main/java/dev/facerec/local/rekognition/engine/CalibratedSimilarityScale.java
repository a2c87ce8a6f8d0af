package dev.facerec.local.rekognition.engine;

import java.util.Arrays;

/**
 * A piecewise-linear, strictly increasing map from cosine similarity to Rekognition's 0–100 similarity through
 * calibrated anchor points. {@link #DEFAULT} is derived from measurements on labelled face pairs; how is written
 * in {@code docs/face-engine.md}.
 */
public final class CalibratedSimilarityScale implements SimilarityScale {

  /** The scale used by {@link OnnxFaceEngine}; anchors documented in docs/face-engine.md. */
  public static final CalibratedSimilarityScale DEFAULT = new CalibratedSimilarityScale(
      new float[] {-1f, 0.10f, 0.25f, 0.40f, 0.60f, 1f},
      new float[] {0f, 10f, 50f, 80f, 95f, 100f});

  private final float[] cosines;
  private final float[] percents;

  /**
   * @param cosines  anchor cosines, strictly increasing, from −1 to 1
   * @param percents the similarity at each anchor, strictly increasing, from 0 to 100
   */
  public CalibratedSimilarityScale(float[] cosines, float[] percents) {
    if (cosines.length < 2 || cosines.length != percents.length) {
      throw new IllegalArgumentException("need at least two anchors, as many cosines as percents");
    }
    if (cosines[0] != -1f || cosines[cosines.length - 1] != 1f || percents[0] != 0f
        || percents[percents.length - 1] != 100f) {
      throw new IllegalArgumentException("anchors must run from (-1, 0) to (1, 100), got "
          + Arrays.toString(cosines) + " -> " + Arrays.toString(percents));
    }
    for (int i = 1; i < cosines.length; i++) {
      if (!(cosines[i] > cosines[i - 1]) || !(percents[i] > percents[i - 1])) {
        throw new IllegalArgumentException("anchors must increase strictly, got "
            + Arrays.toString(cosines) + " -> " + Arrays.toString(percents));
      }
    }
    this.cosines = cosines.clone();
    this.percents = percents.clone();
  }

  @Override
  public float toPercent(float cosine) {
    return interpolate(Math.max(-1f, Math.min(1f, cosine)), cosines, percents);
  }

  @Override
  public float toCosine(float percent) {
    return interpolate(Math.max(0f, Math.min(100f, percent)), percents, cosines);
  }

  private static float interpolate(float x, float[] xs, float[] ys) {
    for (int i = 1; i < xs.length; i++) {
      if (x <= xs[i]) {
        float t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + t * (ys[i] - ys[i - 1]);
      }
    }
    return ys[ys.length - 1];
  }

  @Override
  public String toString() {
    return "CalibratedSimilarityScale" + Arrays.toString(cosines) + "->" + Arrays.toString(percents);
  }
}
