package dev.facerec.twin.privacy;

import java.util.List;
import java.util.Map;

/**
 * What a search for an identifier found, and how much it read in each store (so that "nothing found" can be told
 * apart from "nothing searched").
 *
 * @param identifier the person or tenant id searched for
 * @param traces     every place it still appears
 * @param read       per store, what was read, e.g. {@code s3 → "12 object versions and delete markers, 3 documents"}
 */
public record ErasureReport(String identifier, List<Trace> traces, Map<String, String> read) {

    /** Whether the identifier appears nowhere. */
    public boolean clean() {
        return traces.isEmpty();
    }
}
