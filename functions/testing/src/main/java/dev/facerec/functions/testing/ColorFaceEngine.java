package dev.facerec.functions.testing;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.CalibratedSimilarityScale;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceAttributes;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.LivenessScore;
import dev.facerec.engine.analysis.SimilarityScale;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A deterministic {@link FaceEngine} for synthetic images, plugged into the real local Rekognition server
 * ({@code RekognitionServer.builder().engine(new ColorFaceEngine())}): the faces are the {@link FaceColor} squares
 * of {@link SyntheticImages}, found with their exact boxes, and each colour is one person — its embedding is the
 * colour's unit vector, so faces of the same colour match (similarity {@link #SAME_COLOR_SIMILARITY}) and faces of
 * different colours do not (cosine 0, similarity 20). Collections, users, associations and searches are then the
 * server's own.
 *
 * <p>Every other measure is fixed, or follows from the colour, so that tests can assert exact values: confidence
 * {@link #CONFIDENCE}, five landmarks at fixed places of the square, the pose and quality below, and (on request)
 * an age range, gender and emotions by colour. Liveness: the largest face is live ({@link #LIVE}) unless it is
 * {@link #REPLAY_COLOR}, which stands for a photo held up to the camera ({@link #REPLAY}). Emotions come least
 * confident first (Rekognition promises no
 * order), so that a caller's sorting shows. The synthetic images carry no EXIF orientation, and none is applied.
 */
public final class ColorFaceEngine implements FaceEngine {

    /** The face model version the engine reports. */
    public static final String FACE_MODEL_VERSION = "color-faces-1";
    /** The detection confidence of every face. */
    public static final float CONFIDENCE = 99.9f;
    /** The similarity of two faces of the same colour. */
    public static final float SAME_COLOR_SIMILARITY = CalibratedSimilarityScale.DEFAULT.toPercent(1f);
    /** The head pose every face is given (distinct values, so that a mix-up shows). */
    public static final float POSE_ROLL = 1.5f;

    public static final float POSE_YAW = -2.5f;
    public static final float POSE_PITCH = 3.5f;
    /** The quality every face is given. */
    public static final float BRIGHTNESS = 80f;

    public static final float SHARPNESS = 90f;

    @Override
    public AnalyzedImage analyze(byte[] image, AnalysisOptions options) throws ImageException {
        BufferedImage pixels = decode(image);
        List<DetectedFace> faces = new ArrayList<>();
        for (ColorFace found : ColorFaces.detect(pixels)) {
            if (faces.size() < options.maxFaces()) {
                faces.add(face(found, pixels.getWidth(), pixels.getHeight(), options));
            }
        }
        return new AnalyzedImage(pixels.getWidth(), pixels.getHeight(), faces);
    }

    /** The liveness (P(real)) of a face of any colour but {@link #REPLAY_COLOR}. */
    public static final float LIVE = 0.97f;
    /** The liveness of a {@link #REPLAY_COLOR} face. */
    public static final float REPLAY = 0.02f;
    /** The colour whose faces are presentation attacks. */
    public static final FaceColor REPLAY_COLOR = FaceColor.CYAN;

    @Override
    public Optional<LivenessScore> liveness(byte[] image) throws ImageException {
        BufferedImage pixels = decode(image);
        return ColorFaces.detect(pixels).stream()
                .max(Comparator.comparingInt(f -> f.box().width * f.box().height))
                .map(found -> {
                    DetectedFace face = face(found, pixels.getWidth(), pixels.getHeight(), AnalysisOptions.DETECT);
                    return new LivenessScore(found.color() == REPLAY_COLOR ? REPLAY : LIVE, face.box(), CONFIDENCE);
                });
    }

    @Override
    public SimilarityScale similarityScale() {
        return CalibratedSimilarityScale.DEFAULT;
    }

    @Override
    public String faceModelVersion() {
        return FACE_MODEL_VERSION;
    }

    @Override
    public int embeddingDimension() {
        return FaceColor.values().length;
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The age range a face of {@code color} is given: 20–28 for the first colour, five years more for each next. */
    public static int ageLow(FaceColor color) {
        return 20 + 5 * color.ordinal();
    }

    public static int ageHigh(FaceColor color) {
        return ageLow(color) + 8;
    }

    /** The gender a face of {@code color} is given, alternating with the colours' order. */
    public static String gender(FaceColor color) {
        return color.ordinal() % 2 == 0 ? "Female" : "Male";
    }

    private static BufferedImage decode(byte[] image) throws ImageException {
        if (!isJpeg(image) && !isPng(image)) {
            throw new ImageException(ImageException.Kind.INVALID_IMAGE_FORMAT, "not a JPEG or PNG");
        }
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw new ImageException(ImageException.Kind.INVALID_IMAGE_FORMAT, "undecodable image");
            }
            return decoded;
        } catch (IOException e) {
            throw new ImageException(ImageException.Kind.INVALID_IMAGE_FORMAT, "undecodable image", e);
        }
    }

    private static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8;
    }

    private static boolean isPng(byte[] b) {
        return b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G';
    }

    private static DetectedFace face(ColorFace found, float width, float height, AnalysisOptions options) {
        Rectangle box = found.box();
        List<DetectedFace.Landmark> landmarks = List.of(
                landmark("eyeLeft", box, 0.3, 0.35, width, height),
                landmark("eyeRight", box, 0.7, 0.35, width, height),
                landmark("nose", box, 0.5, 0.55, width, height),
                landmark("mouthLeft", box, 0.35, 0.75, width, height),
                landmark("mouthRight", box, 0.65, 0.75, width, height));
        return new DetectedFace(
                new DetectedFace.Box(box.x / width, box.y / height, box.width / width, box.height / height),
                CONFIDENCE,
                landmarks,
                new DetectedFace.Pose(POSE_ROLL, POSE_YAW, POSE_PITCH),
                new DetectedFace.Quality(BRIGHTNESS, SHARPNESS),
                options.attributes() ? attributes(found.color()) : null,
                options.embeddings() ? embedding(found.color()) : null);
    }

    private static FaceAttributes attributes(FaceColor color) {
        return new FaceAttributes(
                ageLow(color),
                ageHigh(color),
                gender(color),
                95f,
                List.of(new FaceAttributes.Emotion("CALM", 8f), new FaceAttributes.Emotion("HAPPY", 90f)),
                true,
                97f,
                false,
                96f,
                true,
                90f);
    }

    private static float[] embedding(FaceColor color) {
        float[] vector = new float[FaceColor.values().length];
        vector[color.ordinal()] = 1f;
        return vector;
    }

    private static DetectedFace.Landmark landmark(
            String type, Rectangle box, double fx, double fy, float width, float height) {
        return new DetectedFace.Landmark(
                type, (float) ((box.x + fx * box.width) / width), (float) ((box.y + fy * box.height) / height));
    }
}
