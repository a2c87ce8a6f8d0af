package dev.facerec.functions.core.image;

/** Reads the orientation tag (0x0112) from the payload of a JPEG APP1 Exif segment. */
public final class ExifOrientation {

    /** The value meaning "stored as displayed". */
    public static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TIFF_START = 6;

    private ExifOrientation() {}

    /**
     * The orientation 1–8 found in an APP1 payload (the bytes after the segment length), or {@link #NORMAL} when the
     * payload is not Exif or has no valid orientation.
     */
    public static int read(byte[] app1) {
        if (app1.length < TIFF_START + 8
                || app1[0] != 'E'
                || app1[1] != 'x'
                || app1[2] != 'i'
                || app1[3] != 'f'
                || app1[4] != 0
                || app1[5] != 0) {
            return NORMAL;
        }
        boolean little;
        if (app1[TIFF_START] == 'I' && app1[TIFF_START + 1] == 'I') {
            little = true;
        } else if (app1[TIFF_START] == 'M' && app1[TIFF_START + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = u32(app1, TIFF_START + 4, little);
        int entries = TIFF_START + (int) Math.min(ifd, Integer.MAX_VALUE - TIFF_START);
        if (ifd < 8 || entries + 2 > app1.length) {
            return NORMAL;
        }
        int count = u16(app1, entries, little);
        for (int i = 0; i < count; i++) {
            int entry = entries + 2 + i * 12;
            if (entry + 12 > app1.length) {
                return NORMAL;
            }
            if (u16(app1, entry, little) == ORIENTATION_TAG) {
                int value = u16(app1, entry + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xff;
        int y = b[at + 1] & 0xff;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, little ? at + 2 : at, little);
        long lo = u16(b, little ? at : at + 2, little);
        return (hi << 16) | lo;
    }
}
