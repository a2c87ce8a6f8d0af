package dev.facerec.functions.core.event;

import java.util.Locale;

/**
 * S3 sequencers order the events of one key: hexadecimal strings of varying length that compare correctly once
 * right-padded with zeros to the same length. Normalised values are stored in the table so that DynamoDB's string
 * comparison in a condition expression orders them.
 */
public final class Sequencer {

    /** Length every sequencer is padded to; S3's are 16–20 hex digits. */
    public static final int WIDTH = 40;

    private Sequencer() {}

    /** Upper-case, right-padded with zeros to {@link #WIDTH}; {@code ""} when there is no sequencer. */
    public static String normalize(String sequencer) {
        if (sequencer == null || sequencer.isBlank()) {
            return "";
        }
        String hex = sequencer.trim().toUpperCase(Locale.ROOT);
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException("an S3 sequencer is hexadecimal, got '" + sequencer + "'");
        }
        if (hex.length() > WIDTH) {
            throw new IllegalArgumentException("S3 sequencer longer than " + WIDTH + " digits: '" + sequencer + "'");
        }
        return hex + "0".repeat(WIDTH - hex.length());
    }

    /** Compares two raw sequencers as S3 documents: right-pad with zeros, then compare as strings. */
    public static int compare(String a, String b) {
        return normalize(a).compareTo(normalize(b));
    }
}
