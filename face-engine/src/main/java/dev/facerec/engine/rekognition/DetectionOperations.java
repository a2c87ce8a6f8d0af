package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.rekognition.FaceDetails.Attribute;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** DetectFaces and CompareFaces: no collection involved. */
final class DetectionOperations {

    private final ServiceContext context;

    DetectionOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("DetectFaces", this::detectFaces);
        operations.put("CompareFaces", this::compareFaces);
    }

    /** The (at most 100) largest faces, largest first, with the attributes asked for. */
    private JsonNode detectFaces(RequestReader request) {
        Set<Attribute> attributes = FaceDetails.requested(request, "Attributes");
        byte[] bytes = context.images.load(request, "Image");
        AnalyzedImage image =
                context.analyzer.analyze(bytes, new AnalysisOptions(!attributes.isEmpty(), false, Integer.MAX_VALUE));
        ObjectNode response = Json.object();
        ArrayNode details = response.putArray("FaceDetails");
        for (DetectedFace face : largest(image, image.faces())) {
            details.add(FaceDetails.write(face, attributes));
        }
        return response;
    }

    /**
     * Compares the largest face of the source image with the (at most 100) largest faces of the target image.
     * Without a face in either image: {@code InvalidParameterException}, as Rekognition.
     */
    private JsonNode compareFaces(RequestReader request) {
        float threshold = request.optionalPercent("SimilarityThreshold", Constraints.DEFAULT_FACE_MATCH_THRESHOLD);
        QualityBar bar = request.optionalEnum("QualityFilter", QualityBar.class, QualityBar.NONE);
        byte[] sourceBytes = context.images.load(request, "SourceImage");
        byte[] targetBytes = context.images.load(request, "TargetImage");
        AnalyzedImage sourceImage = context.analyzer.analyze(sourceBytes, FaceAnalyzer.embedding(bar, 1, false));
        DetectedFace source = SearchOperations.largestPassing(sourceImage, bar)
                .orElseThrow(() -> RekognitionException.invalidParameter("No face was found in the source image."));
        AnalyzedImage targetImage = context.analyzer.analyze(targetBytes, AnalysisOptions.EMBED);
        List<DetectedFace> targets = largest(
                targetImage,
                targetImage.faces().stream()
                        .filter(f -> bar.reasons(f, targetImage.width(), targetImage.height())
                                .isEmpty())
                        .toList());
        if (targets.isEmpty()) {
            throw RekognitionException.invalidParameter("No face was found in the target image.");
        }

        List<ObjectNode> matches = new ArrayList<>();
        ArrayNode unmatched = Json.MAPPER.createArrayNode();
        for (DetectedFace target : targets) {
            float similarity = context.similarity(dot(source.embedding(), target.embedding()));
            ObjectNode face = FaceDetails.write(target, Set.of());
            if (similarity >= threshold) {
                ObjectNode match = Json.object();
                match.put("Similarity", similarity);
                match.set("Face", face);
                matches.add(match);
            } else {
                unmatched.add(face);
            }
        }
        matches.sort(
                Comparator.comparingDouble((ObjectNode m) -> m.get("Similarity").floatValue())
                        .reversed());

        ObjectNode response = Json.object();
        DetectedFace.Box b = source.box();
        response.putObject("SourceImageFace")
                .put("Confidence", source.confidence())
                .set("BoundingBox", Json.box(b.left(), b.top(), b.width(), b.height()));
        response.putArray("FaceMatches").addAll(matches);
        response.set("UnmatchedFaces", unmatched);
        return response;
    }

    private static List<DetectedFace> largest(AnalyzedImage image, List<DetectedFace> faces) {
        List<DetectedFace> sorted = FaceAnalyzer.largestFirst(image, faces);
        return sorted.subList(0, Math.min(sorted.size(), Constraints.MAX_FACES_PER_IMAGE));
    }

    private static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
