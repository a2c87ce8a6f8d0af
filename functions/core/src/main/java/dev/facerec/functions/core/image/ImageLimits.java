package dev.facerec.functions.core.image;

/**
 * Rekognition's input limits for images.
 *
 * @param maxBytes     largest object accepted (Rekognition: 15 MB for an S3 object)
 * @param minSide      shortest side accepted in pixels (Rekognition: 80)
 * @param maxSide      longest side accepted in pixels (Rekognition: 10000)
 */
public record ImageLimits(long maxBytes, int minSide, int maxSide) {

    /** Rekognition's limits for S3 objects. */
    public static final ImageLimits REKOGNITION = new ImageLimits(15L * 1024 * 1024, 80, 10_000);
    /** Rekognition's limits for images sent as bytes ({@code Image.Bytes}: 5 MB). */
    public static final ImageLimits REKOGNITION_BYTES = new ImageLimits(5L * 1024 * 1024, 80, 10_000);

    public ImageLimits {
        if (maxBytes < 1 || minSide < 1 || maxSide < minSide) {
            throw new IllegalArgumentException("inconsistent image limits: maxBytes=" + maxBytes + ", minSide="
                    + minSide + ", maxSide=" + maxSide);
        }
    }
}
