package dev.facerec.functions.core.rekognition;

import dev.facerec.functions.core.Digests;
import java.nio.charset.StandardCharsets;

/**
 * Maps an object key to a Rekognition {@code ExternalImageId}, which allows only 1–255 characters of
 * {@code [a-zA-Z0-9_.\-:]}: a raw key (slashes, spaces, unicode) would be refused.
 *
 * <p>The mapping is deterministic and injective: allowed characters other than {@code _} pass through, {@code /}
 * becomes {@code :}, and every other UTF-8 byte (and {@code _} and {@code :} themselves) becomes {@code _XX} (two hex
 * digits). A result longer than 255 characters keeps its first 190 characters followed by {@code _h} and the first 63
 * hex digits of the key's SHA-256 (255 characters); {@code _h} never occurs in an unhashed id, where {@code _} is
 * always followed by two hex digits.
 */
public final class ExternalImageIds {

    /** Rekognition's maximum ExternalImageId length. */
    public static final int MAX_LENGTH = 255;

    private static final int KEPT_PREFIX = 190;
    private static final int HASH_DIGITS = 63;

    private ExternalImageIds() {}

    /** The ExternalImageId for a decoded object key. */
    public static String forKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an object key is never empty");
        }
        StringBuilder out = new StringBuilder(key.length() + 16);
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '/') {
                out.append(':');
            } else if (isPlain(c)) {
                out.append((char) c);
            } else {
                out.append('_').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            }
        }
        if (out.length() <= MAX_LENGTH) {
            return out.toString();
        }
        return out.substring(0, KEPT_PREFIX) + "_h" + Digests.sha256Hex(key).substring(0, HASH_DIGITS);
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
