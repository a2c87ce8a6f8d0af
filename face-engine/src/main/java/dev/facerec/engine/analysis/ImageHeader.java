package dev.facerec.engine.analysis;

import dev.facerec.engine.analysis.ImageException.Kind;

/**
 * What the first bytes of an image say: its format, stored dimensions and EXIF orientation, read without decoding
 * any pixel (so that a PNG claiming 100000 × 100000 is refused before memory is allocated for it).
 *
 * @param format      {@code jpeg} or {@code png} (ImageIO format names)
 * @param width       stored width in pixels (before orientation)
 * @param height      stored height in pixels
 * @param orientation EXIF orientation 1–8 (1 when absent or invalid)
 * @param jpegColor   how a JPEG's samples are coded ({@link JpegColor#OTHER} for a PNG)
 */
record ImageHeader(String format, int width, int height, int orientation, JpegColor jpegColor) {

    /** Rekognition's smallest accepted side. */
    static final int MIN_SIDE = 80;
    /** Rekognition's largest accepted side. */
    static final int MAX_SIDE = 10_000;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Width after EXIF orientation. */
    int orientedWidth() {
        return orientation >= 5 ? height : width;
    }

    /** Height after EXIF orientation. */
    int orientedHeight() {
        return orientation >= 5 ? width : height;
    }

    /**
     * Reads the header of {@code bytes} and checks the dimensions against Rekognition's limits.
     *
     * @throws ImageException when the bytes are not a JPEG or PNG, the header is broken, or a side is out of range
     */
    static ImageHeader read(byte[] bytes) throws ImageException {
        ImageHeader header;
        if (isPng(bytes)) {
            header = readPng(bytes);
        } else if (bytes.length >= 3
                && (bytes[0] & 0xff) == 0xff
                && (bytes[1] & 0xff) == 0xd8
                && (bytes[2] & 0xff) == 0xff) {
            header = JpegHeaderReader.read(bytes);
        } else {
            throw new ImageException(
                    Kind.INVALID_IMAGE_FORMAT, "Request has unsupported image format: only JPEG and PNG are supported");
        }
        if (header.width() > MAX_SIDE || header.height() > MAX_SIDE) {
            throw new ImageException(
                    Kind.IMAGE_TOO_LARGE,
                    "Image dimensions " + header.width() + "x" + header.height() + " exceed the maximum of " + MAX_SIDE
                            + " pixels per side");
        }
        if (header.width() < MIN_SIDE || header.height() < MIN_SIDE) {
            throw new ImageException(
                    Kind.IMAGE_TOO_SMALL,
                    "Image dimensions " + header.width() + "x" + header.height() + " are below the minimum of "
                            + MIN_SIDE + " pixels per side");
        }
        return header;
    }

    private static boolean isPng(byte[] bytes) {
        if (bytes.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (bytes[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static ImageHeader readPng(byte[] b) throws ImageException {
        // signature (8), chunk length (4), "IHDR" (4), width (4), height (4)
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            throw new ImageException(Kind.INVALID_IMAGE_FORMAT, "Invalid PNG: missing IHDR header");
        }
        long width = Bytes.u32(b, 16, false);
        long height = Bytes.u32(b, 20, false);
        if (width < 1 || height < 1) {
            throw new ImageException(Kind.INVALID_IMAGE_FORMAT, "Invalid PNG: zero dimension");
        }
        return new ImageHeader(
                "png",
                (int) Math.min(width, Integer.MAX_VALUE),
                (int) Math.min(height, Integer.MAX_VALUE),
                1,
                JpegColor.OTHER);
    }
}
