package dev.facerec.local.rekognition.engine;

/**
 * What to compute for each detected face beyond the box, confidence, landmarks, pose and quality (always given).
 *
 * @param attributes age range, gender, emotions, eyes open, mouth open (Rekognition's {@code Attributes: ALL})
 * @param embeddings the identity vector used for indexing and search
 * @param maxFaces   analyse at most this many faces (highest confidence first); {@code Integer.MAX_VALUE} for all
 */
public record AnalysisOptions(boolean attributes, boolean embeddings, int maxFaces) {

  public static final AnalysisOptions DETECT = new AnalysisOptions(false, false, Integer.MAX_VALUE);
  public static final AnalysisOptions DETECT_ALL_ATTRIBUTES = new AnalysisOptions(true, false, Integer.MAX_VALUE);
  public static final AnalysisOptions EMBED = new AnalysisOptions(false, true, Integer.MAX_VALUE);

  public AnalysisOptions {
    if (maxFaces < 1) {
      throw new IllegalArgumentException("maxFaces must be at least 1, got " + maxFaces);
    }
  }
}
