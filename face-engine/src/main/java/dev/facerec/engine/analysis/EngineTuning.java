package dev.facerec.engine.analysis;

/**
 * Internal knobs of the engine, fixed by measurement (docs/face-engine.md); variants exist for the benchmarks
 * that chose them.
 *
 * @param detectionThreshold detector score a face found in the whole-image pass needs, 0..1
 * @param tileThreshold      detector score a face found only in a tile needs, 0..1
 * @param nmsIou             overlap above which two boxes are one face
 * @param tileZoom           detection tiles look this many times finer than the whole-image pass (≤ 1: none)
 * @param mirroredEmbedding  add the mirrored face's embedding to the face's
 * @param decodeLimit        longest side at which images are decoded; larger ones are subsampled
 * @param livenessPixels     channel order of the liveness model's raw 0..255 input
 * @param modelsAlongside    run a face's pose and mirrored embedding on a helper thread beside its embedding
 *                           ({@link Alongside})
 */
record EngineTuning(
        float detectionThreshold,
        float tileThreshold,
        float nmsIou,
        double tileZoom,
        boolean mirroredEmbedding,
        int decodeLimit,
        PixelNormalization livenessPixels,
        boolean modelsAlongside) {

    static final EngineTuning DEFAULT =
            new EngineTuning(0.75f, 0.9f, 0.4f, 2.25, true, 2560, PixelNormalization.RAW_BGR, true);

    /** These knobs with the liveness model fed {@code pixels}. */
    EngineTuning withLivenessPixels(PixelNormalization pixels) {
        return new EngineTuning(
                detectionThreshold,
                tileThreshold,
                nmsIou,
                tileZoom,
                mirroredEmbedding,
                decodeLimit,
                pixels,
                modelsAlongside);
    }

    /** These knobs with the face's model runs on one thread or beside each other. */
    EngineTuning withModelsAlongside(boolean alongside) {
        return new EngineTuning(
                detectionThreshold,
                tileThreshold,
                nmsIou,
                tileZoom,
                mirroredEmbedding,
                decodeLimit,
                livenessPixels,
                alongside);
    }
}
