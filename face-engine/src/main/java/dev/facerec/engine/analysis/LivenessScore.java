package dev.facerec.engine.analysis;

/**
 * The passive liveness of the largest face of an image.
 *
 * @param live       probability (0..1) that the face is a live person in front of the camera, not a photo or a screen
 * @param box        the face's box, in ratios of the oriented image
 * @param confidence detection confidence, 0–100
 */
public record LivenessScore(float live, DetectedFace.Box box, float confidence) {}
