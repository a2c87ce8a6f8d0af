package dev.facerec.functions.core.recognition;

import java.util.List;

/**
 * What a person row says about an identified person.
 *
 * @param displayName the display name, or {@code null}
 * @param lists       the watch lists the person is on (empty when none)
 */
public record PersonProfile(String displayName, List<String> lists) {

    /** A person without a row (or with an empty one). */
    public static final PersonProfile NONE = new PersonProfile(null, List.of());

    public PersonProfile {
        lists = List.copyOf(lists);
    }
}
