package dev.facerec.engine.analysis;

import dev.facerec.engine.analysis.ImageException.Kind;

/**
 * Walks the marker segments of a JPEG up to its frame header: dimensions and components from the SOF segment, the
 * orientation tag (0x0112) from an APP1 EXIF segment, if any, and the JFIF (APP0) and Adobe (APP14) markers that
 * say how the samples are coded ({@link JpegColor}).
 */
final class JpegHeaderReader {

    private static final int ORIENTATION_TAG = 0x0112;
    private static final byte[] JFIF = {'J', 'F', 'I', 'F', 0};
    private static final byte[] ADOBE = {'A', 'd', 'o', 'b', 'e'};

    private JpegHeaderReader() {}

    static ImageHeader read(byte[] b) throws ImageException {
        int orientation = 1;
        boolean jfif = false;
        int adobeTransform = JpegColor.NO_ADOBE_MARKER;
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                throw corrupt("marker expected at byte " + i);
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd8) {
                i += 2;
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                break;
            }
            int length = Bytes.u16(b, i + 2, false);
            int end = i + 2 + length;
            if (length < 2 || end > b.length) {
                throw corrupt("segment at byte " + i + " runs past the end of the data");
            }
            if (isStartOfFrame(marker)) {
                if (length < 7) {
                    throw corrupt("short frame header");
                }
                int height = Bytes.u16(b, i + 5, false);
                int width = Bytes.u16(b, i + 7, false);
                if (width == 0 || height == 0) {
                    throw corrupt("zero dimension in the frame header");
                }
                return new ImageHeader("jpeg", width, height, orientation, color(b, i + 4, end, jfif, adobeTransform));
            }
            if (marker == 0xe1 && orientation == 1) {
                orientation = exifOrientation(b, i + 4, end);
            }
            if (marker == 0xe0 && startsWith(b, i + 4, end, JFIF)) {
                jfif = true;
            }
            if (marker == 0xee && startsWith(b, i + 4, end, ADOBE) && end - (i + 4) >= 12) {
                adobeTransform = b[i + 4 + 11] & 0xff;
            }
            i = end;
        }
        throw corrupt("no frame header");
    }

    /** The colour space of the frame header whose fields are at {@code [from, to)}. */
    private static JpegColor color(byte[] b, int from, int to, boolean jfif, int adobeTransform) {
        // precision (1), height (2), width (2), components (1), then id, sampling, table (1 each) per component
        int components = from + 5 < to ? b[from + 5] & 0xff : 0;
        if (from + 6 + 3 * components > to) {
            return JpegColor.OTHER;
        }
        int[] ids = new int[components];
        for (int c = 0; c < components; c++) {
            ids[c] = b[from + 6 + 3 * c] & 0xff;
        }
        return JpegColor.of(components, ids, jfif, adobeTransform);
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /** The orientation in the EXIF block at {@code [from, to)}, or 1 when absent or unreadable. */
    static int exifOrientation(byte[] b, int from, int to) {
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        if (to - from < exif.length + 8 || !startsWith(b, from, to, exif)) {
            return 1;
        }
        int tiff = from + exif.length;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + Bytes.u32(b, tiff + 4, little);
        if (ifd + 2 > to) {
            return 1;
        }
        int entries = Bytes.u16(b, (int) ifd, little);
        for (int e = 0; e < entries; e++) {
            int entry = (int) ifd + 2 + e * 12;
            if (entry + 12 > to) {
                return 1;
            }
            if (Bytes.u16(b, entry, little) == ORIENTATION_TAG) {
                int value = Bytes.u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static ImageException corrupt(String what) {
        return new ImageException(Kind.INVALID_IMAGE_FORMAT, "Invalid JPEG: " + what);
    }
}
