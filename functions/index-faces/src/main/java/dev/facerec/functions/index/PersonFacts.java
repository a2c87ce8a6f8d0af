package dev.facerec.functions.index;

import java.util.List;

/**
 * What an enrolment photo's metadata says about its person; each part replaces the person row's value when given
 * and leaves it as it is when absent.
 *
 * @param displayName the display name, or {@code null}
 * @param lists       the watch lists (possibly empty: on no list), or {@code null}
 */
record PersonFacts(String displayName, List<String> lists) {

    boolean isEmpty() {
        return displayName == null && lists == null;
    }
}
