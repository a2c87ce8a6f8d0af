package dev.facerec.engine.analysis;

import java.util.List;

/**
 * The result of analysing one image.
 *
 * @param width  width in pixels of the image after EXIF orientation (before any reduced-size decoding)
 * @param height height in pixels of the image after EXIF orientation
 * @param faces  the faces found, highest detection confidence first; empty when there is none
 */
public record AnalyzedImage(int width, int height, List<DetectedFace> faces) {
    public AnalyzedImage {
        faces = List.copyOf(faces);
    }
}
