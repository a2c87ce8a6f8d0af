package dev.facerec.engine.analysis;

/**
 * The colour space of a JPEG's stored samples, decided as libjpeg decides it (a JFIF marker means YCbCr, else an
 * Adobe marker's transform flag, else the component ids): what {@code ImageReader.readRaster} returns, since it
 * converts nothing.
 */
enum JpegColor {
    /** One component. */
    GREY,
    /** Three components, luma and chroma. */
    YCBCR,
    /** Three components, red, green and blue. */
    RGB,
    /** Anything else (CMYK, YCCK, an unknown Adobe transform) or not a JPEG: decoded the general way. */
    OTHER;

    /** The {@code adobeTransform} of {@link #of} when there is no Adobe marker. */
    static final int NO_ADOBE_MARKER = -1;

    /**
     * The colour space of a frame with {@code components} components whose ids are {@code ids}, after a JFIF marker
     * ({@code jfif}) and an Adobe marker with {@code adobeTransform} (or {@link #NO_ADOBE_MARKER}).
     */
    static JpegColor of(int components, int[] ids, boolean jfif, int adobeTransform) {
        if (components == 1) {
            return GREY;
        }
        if (components != 3) {
            return OTHER;
        }
        if (jfif) {
            return YCBCR;
        }
        if (adobeTransform != NO_ADOBE_MARKER) {
            return adobeTransform == 0 ? RGB : adobeTransform == 1 ? YCBCR : OTHER;
        }
        return ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? RGB : YCBCR;
    }
}
