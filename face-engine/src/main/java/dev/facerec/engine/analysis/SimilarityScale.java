package dev.facerec.engine.analysis;

/**
 * Maps cosine similarity between two L2-normalised embeddings to Rekognition's similarity percentage and back.
 * The mapping is monotonic, calibrated on labelled pairs and documented in the README, so that Rekognition's
 * default {@code FaceMatchThreshold} of 80 means what it means on AWS: a match at a low false-accept rate.
 */
public interface SimilarityScale {

    /** Similarity 0–100 for a cosine in [-1, 1]. */
    float toPercent(float cosine);

    /** The smallest cosine whose similarity is at least {@code percent}; used to prune searches. */
    float toCosine(float percent);

    /** Cosine similarity of two L2-normalised embeddings of the same length (their dot product). */
    static float cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
