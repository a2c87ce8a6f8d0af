package dev.facerec.engine.rekognition;

import dev.facerec.engine.analysis.DetectedFace;
import java.util.ArrayList;
import java.util.List;

/**
 * Rekognition's {@code QualityFilter}: the bar a face must clear to be indexed or searched, and the reasons
 * ({@code UnindexedFaces[].Reasons}) when it does not. Rekognition does not publish its bars; these are set on the
 * engine's own measures (detection confidence 0–100, brightness and sharpness 0–100, pose in degrees, face size
 * relative to a 1920-pixel image, where Rekognition needs 40 pixels). {@code AUTO} is {@code LOW}.
 */
enum QualityBar {
    NONE(0, 0, 0, 180, 180, 0),
    AUTO(70, 8, 4, 80, 60, 40),
    LOW(70, 8, 4, 80, 60, 40),
    MEDIUM(85, 15, 10, 60, 45, 60),
    HIGH(95, 25, 25, 45, 30, 80);

    /** Rekognition's reason codes. */
    static final String EXCEEDS_MAX_FACES = "EXCEEDS_MAX_FACES";

    private final float minConfidence;
    private final float minBrightness;
    private final float minSharpness;
    private final float maxYaw;
    private final float maxPitch;
    private final float minPixelsAt1920;

    QualityBar(
            float minConfidence,
            float minBrightness,
            float minSharpness,
            float maxYaw,
            float maxPitch,
            float minPixelsAt1920) {
        this.minConfidence = minConfidence;
        this.minBrightness = minBrightness;
        this.minSharpness = minSharpness;
        this.maxYaw = maxYaw;
        this.maxPitch = maxPitch;
        this.minPixelsAt1920 = minPixelsAt1920;
    }

    /** Why {@code face} (in an image of {@code width} × {@code height} pixels) fails the bar; empty if it passes. */
    List<String> reasons(DetectedFace face, int width, int height) {
        List<String> reasons = new ArrayList<>();
        if (face.confidence() < minConfidence) {
            reasons.add("LOW_CONFIDENCE");
        }
        float faceSide = Math.min(face.box().width() * width, face.box().height() * height);
        if (faceSide < minPixelsAt1920 * Math.max(width, height) / 1920f) {
            reasons.add("SMALL_BOUNDING_BOX");
        }
        if (face.quality().sharpness() < minSharpness) {
            reasons.add("LOW_SHARPNESS");
        }
        if (face.quality().brightness() < minBrightness) {
            reasons.add("LOW_BRIGHTNESS");
        }
        if (Math.abs(face.pose().yaw()) > maxYaw || Math.abs(face.pose().pitch()) > maxPitch) {
            reasons.add("EXTREME_POSE");
        }
        return reasons;
    }
}
