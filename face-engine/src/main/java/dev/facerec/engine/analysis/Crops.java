package dev.facerec.engine.analysis;

/** Face-centred crops for the attribute models. */
final class Crops {

    private Crops() {}

    /**
     * The square centred on the face box with side {@code growth} × the box's longer side, moved to stay inside
     * the image where it fits, resized to {@code size} × {@code size}.
     */
    static RgbImage square(RgbImage image, Detection face, float growth, int size) {
        float side = Math.max(face.width(), face.height()) * growth;
        float left = shiftInside((face.x1() + face.x2()) / 2 - side / 2, side, image.width());
        float top = shiftInside((face.y1() + face.y2()) / 2 - side / 2, side, image.height());
        return Resampler.resize(image, left, top, side, side, size, size, Resampler.Border.REPLICATE);
    }

    private static float shiftInside(float start, float length, int limit) {
        if (length >= limit) {
            return (limit - length) / 2;
        }
        return Math.max(0, Math.min(start, limit - length));
    }
}
