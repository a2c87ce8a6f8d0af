package dev.facerec.engine.analysis;

import java.util.List;

/**
 * One face as the engine sees it. Geometry is in ratios of the oriented image (0..1; landmarks of a face cut by
 * the image edge may slightly exceed the range, as Rekognition's do).
 *
 * @param box        the face's bounding box
 * @param confidence detection confidence, 0–100
 * @param landmarks  Rekognition landmark types that the landmark model can give (eyeLeft, eyeRight, nose,
 *                   mouthLeft, mouthRight, and the others the 68 points map to)
 * @param pose       roll, yaw and pitch in degrees
 * @param quality    brightness and sharpness, 0–100
 * @param attributes age, gender, emotions, ...; {@code null} unless requested
 * @param embedding  L2-normalised identity vector; {@code null} unless requested
 */
public record DetectedFace(
        Box box,
        float confidence,
        List<Landmark> landmarks,
        Pose pose,
        Quality quality,
        FaceAttributes attributes,
        float[] embedding) {

    /**
     * A box in ratios of the image: left, top, width, height; the part of the image the face covers (a face cut by
     * the edge gets the box of its visible part, inside the image).
     */
    public record Box(float left, float top, float width, float height) {}

    /** A landmark: its Rekognition type name (e.g. {@code eyeLeft}) and position in ratios of the image. */
    public record Landmark(String type, float x, float y) {}

    /** Head pose in degrees. */
    public record Pose(float roll, float yaw, float pitch) {}

    /** Image quality of the face region, 0–100 each. */
    public record Quality(float brightness, float sharpness) {}
}
