package dev.facerec.engine.analysis;

/** A face box in pixel coordinates of the analysed raster, with the detector's score (0..1). */
record Detection(float x1, float y1, float x2, float y2, float score) {

    float width() {
        return x2 - x1;
    }

    float height() {
        return y2 - y1;
    }

    float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    /** Area of the intersection with {@code other}. */
    float intersection(Detection other) {
        float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }

    /** Intersection over union. */
    float iou(Detection other) {
        float inter = intersection(other);
        return inter == 0 ? 0 : inter / (area() + other.area() - inter);
    }
}
