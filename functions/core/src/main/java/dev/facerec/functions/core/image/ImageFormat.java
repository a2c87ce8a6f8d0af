package dev.facerec.functions.core.image;

/** Image formats told apart by their first bytes; only JPEG and PNG are accepted by Rekognition. */
public enum ImageFormat {
    JPEG,
    PNG,
    GIF,
    WEBP,
    UNKNOWN;

    /** Identifies the format from the first bytes of a file (at least 12 are needed to tell WebP apart). */
    public static ImageFormat sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG;
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG;
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8')
                && head.length >= 6
                && (head[4] == '7' || head[4] == '9')
                && head[5] == 'a') {
            return GIF;
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return WEBP;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] data, int offset, int... expected) {
        if (data.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((data[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
