package dev.facerec.engine.analysis;

import ai.onnxruntime.OrtEnvironment;
import dev.facerec.engine.analysis.StageTimings.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;

/**
 * The face engine on ONNX Runtime, with the models of the npm package {@code faceplugin-face-recognition-js}:
 * detection ({@code fr_detect}), 68 landmarks ({@code fr_landmark}), five-point alignment, identity embedding
 * ({@code fr_feature}), head pose ({@code fr_pose}), and on request age ({@code fr_age}), gender
 * ({@code fr_gender}), expression ({@code fr_expression}) and eye state ({@code fr_eye}), and passive liveness
 * ({@code fr_liveness}, {@link #liveness}). Models load once, in the
 * constructor; {@link #analyze} is safe to call from many threads at once (each model runs on one thread per call,
 * so concurrent calls use the cores).
 */
public final class OnnxFaceEngine implements FaceEngine {

    /** Recorded with every indexed face; changes whenever embeddings would change. */
    public static final String FACE_MODEL_VERSION = "facerec-onnx-1.2";

    private final Path modelDirectory;
    private final List<OnnxModel> models = new ArrayList<>();
    private final FaceDetector detector;
    private final LandmarkModel landmarks;
    private final EmbeddingModel embeddings;
    private final PoseModel pose;
    private final AttributeEstimator attributes;
    private final LivenessModel liveness;
    private final int decodeLimit;
    private final boolean alongside;

    /** Loads the models from the directory {@link ModelDirectory#find()} locates. */
    public OnnxFaceEngine() {
        this(ModelDirectory.find());
    }

    /** Loads the models from {@code modelDirectory} (holding {@code fr_detect.onnx} and the others). */
    public OnnxFaceEngine(Path modelDirectory) {
        this(modelDirectory, EngineTuning.DEFAULT);
    }

    OnnxFaceEngine(Path modelDirectory, EngineTuning tuning) {
        this.modelDirectory = ModelDirectory.require(modelDirectory, "the engine's configuration");
        this.decodeLimit = tuning.decodeLimit();
        this.alongside = tuning.modelsAlongside();
        OrtEnvironment env = OrtEnvironments.get();
        try {
            detector = new FaceDetector(
                    load(env, "fr_detect", 1, 3, FaceDetector.INPUT_HEIGHT, FaceDetector.INPUT_WIDTH),
                    tuning.detectionThreshold(),
                    tuning.tileThreshold(),
                    tuning.nmsIou(),
                    tuning.tileZoom());
            landmarks = new LandmarkModel(load(env, "fr_landmark", 1, 1, 64, 64));
            embeddings = new EmbeddingModel(
                    load(env, "fr_feature", 1, 3, FaceAligner.SIZE, FaceAligner.SIZE),
                    tuning.mirroredEmbedding(),
                    alongside);
            pose = new PoseModel(load(env, "fr_pose", 1, 3, 224, 224));
            attributes = new AttributeEstimator(
                    new SsrNetModel(load(env, "fr_age", 1, 3, 64, 64), PixelNormalization.IMAGENET_RGB),
                    new SsrNetModel(load(env, "fr_gender", 1, 3, 64, 64), PixelNormalization.IMAGENET_BGR),
                    new ExpressionModel(load(env, "fr_expression", 1, 3, 224, 224)),
                    new EyeModel(load(env, "fr_eye", 1, 1, 24, 24)));
            liveness = new LivenessModel(
                    load(env, "fr_liveness", 1, 3, LivenessModel.SIZE, LivenessModel.SIZE), tuning.livenessPixels());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private OnnxModel load(OrtEnvironment env, String name, long... shape) {
        OnnxModel model = new OnnxModel(env, modelDirectory.resolve(name + ".onnx"), shape);
        models.add(model);
        return model;
    }

    /** Where the models were loaded from. */
    @Override
    public AnalyzedImage analyze(byte[] image, AnalysisOptions options) throws ImageException {
        return analyze(image, options, null);
    }

    /** As {@link #analyze(byte[], AnalysisOptions)}, adding the time of each stage to {@code timings} if given. */
    public AnalyzedImage analyze(byte[] image, AnalysisOptions options, StageTimings timings) throws ImageException {
        long t = System.nanoTime();
        DecodedImage decoded = ImageDecoder.decode(image, decodeLimit);
        t = lap(timings, Stage.DECODE, t);
        RgbImage pixels = decoded.pixels();
        List<Detection> found = detector.detect(pixels);
        t = lap(timings, Stage.DETECT, t);
        List<Detection> analysed = found.subList(0, Math.min(found.size(), options.maxFaces()));
        List<Located> located = new ArrayList<>(analysed.size());
        for (Detection d : analysed) {
            FaceLandmarks points = landmarks.locate(pixels, d);
            located.add(new Located(d, points, VisibleFaceBox.of(d, points, pixels.width(), pixels.height())));
            t = lap(timings, Stage.LANDMARKS, t);
        }
        List<Located> embedded = options.embeddings() ? largest(located, options.embedLargest()) : List.of();
        List<DetectedFace> faces = new ArrayList<>(analysed.size());
        for (Located face : located) {
            faces.add(analyzeFace(pixels, face, options.attributes(), embedded.contains(face), timings));
        }
        return new AnalyzedImage(decoded.width(), decoded.height(), faces);
    }

    /** The liveness of the face with the largest box (the person in front of the camera). */
    @Override
    public Optional<LivenessScore> liveness(byte[] image) throws ImageException {
        RgbImage pixels = ImageDecoder.decode(image, decodeLimit).pixels();
        Optional<Detection> largest =
                detector.detect(pixels).stream().max(java.util.Comparator.comparingDouble(Detection::area));
        return largest.map(d -> {
            float w = pixels.width();
            float h = pixels.height();
            float left = Math.max(0, d.x1());
            float top = Math.max(0, d.y1());
            DetectedFace.Box box = new DetectedFace.Box(
                    left / w, top / h, (Math.min(w, d.x2()) - left) / w, (Math.min(h, d.y2()) - top) / h);
            return new LivenessScore(liveness.live(pixels, d), box, d.score() * 100);
        });
    }

    /** A detected face, its landmarks and the box it is reported with. */
    private record Located(Detection detection, FaceLandmarks points, Detection box) {}

    /** The {@code count} faces with the largest reported boxes: the ones the server's operations pick. */
    private static List<Located> largest(List<Located> faces, int count) {
        if (count >= faces.size()) {
            return faces;
        }
        List<Located> bySize = new ArrayList<>(faces);
        bySize.sort(java.util.Comparator.comparingDouble((Located f) -> f.box().area())
                .reversed());
        return bySize.subList(0, count);
    }

    private DetectedFace analyzeFace(
            RgbImage pixels, Located face, boolean describe, boolean embed, StageTimings timings) {
        long t = System.nanoTime();
        Detection d = face.detection();
        FaceLandmarks points = face.points();
        // With an embedding to compute, the pose runs beside it on a helper thread (Alongside).
        FutureTask<DetectedFace.Pose> poseRun =
                embed ? Alongside.start(() -> pose.estimate(pixels, d), alongside) : null;
        RgbImage aligned = FaceAligner.align(pixels, points);
        DetectedFace.Quality quality = QualityMeter.measure(aligned);
        t = lap(timings, Stage.ALIGN, t);
        float[] embedding = null;
        if (embed) {
            embedding = embeddings.embed(aligned);
            t = lap(timings, Stage.EMBED, t);
        }
        DetectedFace.Pose headPose = poseRun != null ? Alongside.result(poseRun) : pose.estimate(pixels, d);
        t = lap(timings, Stage.POSE, t);
        FaceAttributes faceAttributes = null;
        if (describe) {
            faceAttributes = attributes.estimate(pixels, d, points);
            lap(timings, Stage.ATTRIBUTES, t);
        }
        float w = pixels.width();
        float h = pixels.height();
        Detection b = face.box();
        DetectedFace.Box box = new DetectedFace.Box(b.x1() / w, b.y1() / h, b.width() / w, b.height() / h);
        return new DetectedFace(
                box,
                d.score() * 100,
                RekognitionLandmarks.of(points, w, h),
                headPose,
                quality,
                faceAttributes,
                embedding);
    }

    private static long lap(StageTimings timings, Stage stage, long start) {
        if (timings != null) {
            timings.add(stage, start);
        }
        return System.nanoTime();
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
        return EmbeddingModel.DIMENSION;
    }

    @Override
    public void close() {
        for (OnnxModel model : models) {
            model.close();
        }
        models.clear();
    }
}
