package dev.facerec.functions.core.image;

/**
 * What the header of an image says, read without decoding pixels.
 *
 * @param format      JPEG or PNG
 * @param width       stored width in pixels
 * @param height      stored height in pixels
 * @param orientation EXIF orientation 1–8 (1 when absent; PNG is always 1)
 */
public record ImageHeader(ImageFormat format, int width, int height, int orientation) {

    public ImageHeader {
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** Whether the EXIF orientation swaps width and height (orientations 5–8 rotate by 90°). */
    public boolean transposed() {
        return orientation >= 5;
    }

    /** Width of the image as displayed, after applying the EXIF orientation. */
    public int orientedWidth() {
        return transposed() ? height : width;
    }

    /** Height of the image as displayed, after applying the EXIF orientation. */
    public int orientedHeight() {
        return transposed() ? width : height;
    }
}
