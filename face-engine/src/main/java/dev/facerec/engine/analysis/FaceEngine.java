package dev.facerec.engine.analysis;

/**
 * The face engine behind the local Rekognition server: decodes an image and finds, measures and describes the
 * faces in it. Implementations load their models once and are safe for concurrent use.
 *
 * <p>Contract shared by the engine and the server (the server owns the wire protocol, collections, users and
 * search; the engine owns pixels and models):
 * <ul>
 *   <li>EXIF orientation is applied before anything else; all geometry refers to the oriented image, as
 *       ratios of its width and height (Rekognition's convention).</li>
 *   <li>Only JPEG and PNG are accepted; anything else is an {@link ImageException} of kind
 *       {@link ImageException.Kind#INVALID_IMAGE_FORMAT}. Byte-size limits are the server's business.</li>
 *   <li>Faces come highest detection confidence first.</li>
 * </ul>
 */
public interface FaceEngine extends AutoCloseable {

    /**
     * Decodes {@code image} and analyses every face in it.
     *
     * @throws ImageException when the bytes are not a decodable JPEG or PNG, or its dimensions are out of range
     */
    AnalyzedImage analyze(byte[] image, AnalysisOptions options) throws ImageException;

    /**
     * Decodes {@code image} and judges whether its largest face is a live person (a passive, single-frame check).
     *
     * @return the score, or empty when no face is found
     * @throws ImageException when the bytes are not a decodable JPEG or PNG
     * @throws UnsupportedOperationException when the engine has no liveness model
     */
    default java.util.Optional<LivenessScore> liveness(byte[] image) throws ImageException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no liveness model");
    }

    /** The mapping between cosine similarity of two embeddings and Rekognition's 0–100 similarity. */
    SimilarityScale similarityScale();

    /** A version string recorded with every indexed face, like Rekognition's {@code FaceModelVersion}. */
    String faceModelVersion();

    /** Length of the vectors in {@link DetectedFace#embedding()}. */
    int embeddingDimension();

    @Override
    void close();
}
