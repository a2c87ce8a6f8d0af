package dev.facerec.functions.index;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the watch lists of a person from an enrolment photo's metadata {@code x-amz-meta-lists}: a comma-separated
 * list of names such as {@code block,vip}. Names are {@code [a-z0-9_-]{1,32}} (surrounding blanks are ignored), at
 * most {@link #MAX_LISTS} distinct ones; an empty value means "on no list". Anything else rejects the photo.
 */
public final class WatchLists {

    /** Most lists a person can be on. */
    public static final int MAX_LISTS = 10;
    /** The charset and length of a list name. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private WatchLists() {}

    /**
     * The sorted, distinct list names, or {@code null} when the metadata is absent (the person's lists stay as
     * they are).
     *
     * @throws RejectedException with {@link Reason#INVALID_METADATA} for a bad name or too many lists
     */
    public static List<String> fromMetadata(String raw) {
        if (raw == null) {
            return null;
        }
        TreeSet<String> names = new TreeSet<>();
        if (raw.isBlank()) {
            return List.of();
        }
        for (String part : raw.split(",", -1)) {
            String name = part.strip();
            if (!NAME.matcher(name).matches()) {
                throw new RejectedException(
                        Reason.INVALID_METADATA,
                        "x-amz-meta-lists: each list name must be 1-32 characters of a-z, 0-9, '_' or '-'");
            }
            names.add(name);
        }
        if (names.size() > MAX_LISTS) {
            throw new RejectedException(
                    Reason.INVALID_METADATA, "x-amz-meta-lists: at most " + MAX_LISTS + " lists per person");
        }
        return List.copyOf(names);
    }
}
