package dev.facerec.twin.s3;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps S3 object keys to names that s3proxy's file store can keep as paths, and back. S3 keys are opaque strings:
 * {@code a/../b}, {@code a//b}, {@code ./a} and {@code a/} are four keys, none of them the same as {@code b} or
 * {@code a/b}. The store turns keys into paths, so each {@code /}-separated segment is escaped on its own:
 *
 * <ul>
 *   <li>an empty segment becomes {@code %};
 *   <li>{@code %}, control characters and a segment's leading {@code .} become {@code %XX} (so {@code .} and
 *       {@code ..} are never path steps and the store's own hidden {@code .s3proxy-*} and {@code .mpus-*} names
 *       cannot be reached);
 *   <li>every other character stays, so ordinary keys such as {@code enroll/ada/1.jpg} are stored under their own
 *       path, as earlier twins stored them.
 * </ul>
 *
 * <p>Encoding a key that ends with {@code /} gives a name that does not, so such keys are ordinary files. A prefix
 * that ends with {@code /} encodes to the prefix of every encoded key it is a prefix of.
 */
final class ObjectKeys {

    private static final char ESCAPE = '%';
    private static final String EMPTY_SEGMENT = "%";

    private ObjectKeys() {}

    /** The stored name of {@code key}; {@code null} stays {@code null}. */
    static String encode(String key) {
        if (key == null) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : key.split("/", -1)) {
            segments.add(encodeSegment(segment));
        }
        return String.join("/", segments);
    }

    /**
     * The stored form of a listing prefix: the part up to and including its last {@code /}, encoded. Stored names
     * under it must still be filtered with {@link String#startsWith} against the original prefix after decoding.
     */
    static String encodeDirectoryPart(String prefix) {
        if (prefix == null) {
            return null;
        }
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String directories = prefix.substring(0, slash);
        return encode(directories) + "/";
    }

    /** The key stored under {@code name}; also decodes prefixes that end with {@code /}. */
    static String decode(String name) {
        if (name == null) {
            return null;
        }
        String[] segments = name.split("/", -1);
        StringBuilder key = new StringBuilder(name.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                key.append('/');
            }
            boolean last = i == segments.length - 1;
            if (!(last && segments[i].isEmpty())) {
                key.append(decodeSegment(segments[i]));
            }
        }
        return key.toString();
    }

    private static String encodeSegment(String segment) {
        if (segment.isEmpty()) {
            return EMPTY_SEGMENT;
        }
        StringBuilder out = new StringBuilder(segment.length() + 4);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == ESCAPE || c < 0x20 || c == 0x7f || (i == 0 && c == '.')) {
                out.append(ESCAPE).append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String decodeSegment(String segment) {
        if (segment.equals(EMPTY_SEGMENT)) {
            return "";
        }
        StringBuilder out = new StringBuilder(segment.length());
        int i = 0;
        while (i < segment.length()) {
            char c = segment.charAt(i);
            if (c == ESCAPE && isHex(segment, i + 1)) {
                out.append((char) Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from) {
        return from + 2 <= s.length()
                && Character.digit(s.charAt(from), 16) >= 0
                && Character.digit(s.charAt(from + 1), 16) >= 0;
    }
}
