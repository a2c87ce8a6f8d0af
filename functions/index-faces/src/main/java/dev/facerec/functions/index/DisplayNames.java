package dev.facerec.functions.index;

import java.nio.charset.Charset;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a person's display name from the object metadata {@code x-amz-meta-name}. S3 metadata travels in HTTP
 * headers, so clients send non-ASCII names as RFC 2047 encoded words ({@code =?UTF-8?B?...?=}); those are decoded.
 * Control characters are dropped, whitespace is collapsed, and the name is cut to {@link #MAX_LENGTH} characters.
 */
public final class DisplayNames {

    /** Longest display name kept. */
    public static final int MAX_LENGTH = 200;

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([bBqQ])\\?([^?]*)\\?=");

    private DisplayNames() {}

    /** The cleaned display name, or {@code null} when the metadata has none. */
    public static String fromMetadata(String raw) {
        if (raw == null) {
            return null;
        }
        String decoded = decodeWords(raw)
                .replaceAll("\\p{Cntrl}", " ")
                .replaceAll("\\s+", " ")
                .trim();
        if (decoded.isEmpty()) {
            return null;
        }
        return decoded.length() <= MAX_LENGTH ? decoded : decoded.substring(0, MAX_LENGTH);
    }

    private static String decodeWords(String raw) {
        Matcher matcher = ENCODED_WORD.matcher(raw.replaceAll("\\?=\\s+=\\?", "?==?"));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(decodeWord(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decodeWord(Matcher word) {
        try {
            Charset charset = Charset.forName(word.group(1));
            byte[] bytes = word.group(2).equalsIgnoreCase("B")
                    ? Base64.getDecoder().decode(word.group(3))
                    : quotedPrintable(word.group(3));
            return new String(bytes, charset);
        } catch (IllegalArgumentException e) {
            return word.group();
        }
    }

    private static byte[] quotedPrintable(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c & 0x7f);
            }
        }
        return out.toByteArray();
    }
}
