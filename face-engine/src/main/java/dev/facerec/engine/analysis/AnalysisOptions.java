package dev.facerec.engine.analysis;

/**
 * What to compute for each detected face beyond the box, confidence, landmarks, pose and quality (always given).
 *
 * @param attributes   age range, gender, emotions, eyes open, mouth open (Rekognition's {@code Attributes: ALL})
 * @param embeddings   the identity vector used for indexing and search
 * @param maxFaces     analyse at most this many faces (highest confidence first); {@code Integer.MAX_VALUE} for all
 * @param embedLargest with {@code embeddings}, compute the vector only for this many faces, the largest boxes
 *                     first (the others get none); the embedding is the costliest step per face, and
 *                     SearchFacesByImage, say, needs only the largest face's
 */
public record AnalysisOptions(boolean attributes, boolean embeddings, int maxFaces, int embedLargest) {

    public static final AnalysisOptions DETECT = new AnalysisOptions(false, false, Integer.MAX_VALUE);
    public static final AnalysisOptions DETECT_ALL_ATTRIBUTES = new AnalysisOptions(true, false, Integer.MAX_VALUE);
    public static final AnalysisOptions EMBED = new AnalysisOptions(false, true, Integer.MAX_VALUE);

    public AnalysisOptions {
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1, got " + maxFaces);
        }
        if (embedLargest < 1) {
            throw new IllegalArgumentException("embedLargest must be at least 1, got " + embedLargest);
        }
    }

    /** Options that embed every analysed face (when {@code embeddings}). */
    public AnalysisOptions(boolean attributes, boolean embeddings, int maxFaces) {
        this(attributes, embeddings, maxFaces, Integer.MAX_VALUE);
    }
}
