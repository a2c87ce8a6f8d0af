package dev.facerec.twin.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * S3 user metadata travels in HTTP headers, which carry US-ASCII only. Like the AWS SDKs and CLI, the twin sends a
 * value with other characters as one RFC 2047 encoded word ({@code =?UTF-8?B?...?=}); S3 returns it as sent, and the
 * enrolment function decodes it ({@code DisplayNames}).
 */
final class MetadataText {

    private static final String PREFIX = "=?UTF-8?B?";
    private static final String SUFFIX = "?=";

    private MetadataText() {}

    /** {@code value} itself when it is printable US-ASCII, otherwise its RFC 2047 encoded word. */
    static String encode(String value) {
        boolean plain = value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (plain) {
            return value;
        }
        return PREFIX + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SUFFIX;
    }
}
