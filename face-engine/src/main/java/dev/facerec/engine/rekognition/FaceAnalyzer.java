package dev.facerec.engine.rekognition;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import java.util.Comparator;
import java.util.List;

/** Runs the face engine for the operations and answers its refusals with Rekognition's errors. */
final class FaceAnalyzer {

    private final FaceEngine engine;

    FaceAnalyzer(FaceEngine engine) {
        this.engine = engine;
    }

    AnalyzedImage analyze(byte[] image, AnalysisOptions options) {
        try {
            return engine.analyze(image, options);
        } catch (ImageException e) {
            switch (e.kind()) {
                case IMAGE_TOO_LARGE:
                    throw new RekognitionException(ErrorType.IMAGE_TOO_LARGE, e.getMessage());
                case IMAGE_TOO_SMALL:
                    throw RekognitionException.invalidParameter(e.getMessage());
                default:
                    throw new RekognitionException(ErrorType.INVALID_IMAGE_FORMAT, "Request has invalid image format");
            }
        }
    }

    /**
     * Options that embed what an operation will use: the {@code largest} largest faces when every face qualifies
     * ({@code QualityFilter} NONE), otherwise every face (which ones clear the bar is known only afterwards).
     */
    static AnalysisOptions embedding(QualityBar bar, int largest, boolean attributes) {
        int embedded = bar == QualityBar.NONE ? largest : Integer.MAX_VALUE;
        return new AnalysisOptions(attributes, true, Integer.MAX_VALUE, embedded);
    }

    /** Pixel area of a face: what "largest" means to Rekognition. */
    static float area(DetectedFace face, AnalyzedImage image) {
        return face.box().width() * image.width() * face.box().height() * image.height();
    }

    /** The faces, largest first. */
    static List<DetectedFace> largestFirst(AnalyzedImage image, List<DetectedFace> faces) {
        return faces.stream()
                .sorted(Comparator.comparingDouble((DetectedFace f) -> area(f, image))
                        .reversed())
                .toList();
    }
}
