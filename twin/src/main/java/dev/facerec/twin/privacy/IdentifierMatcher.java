package dev.facerec.twin.privacy;

import java.util.regex.Pattern;

/**
 * Finds an identifier (a person or tenant id) as a whole token in text: {@code ann} is found in {@code PERSON#ann},
 * {@code enroll/ann/1.jpg}, {@code enroll:ann:1.jpg} (an ExternalImageId), {@code consent/ann.json} (a consent
 * document, named after its person) and {@code "personId":"ann"}, but not in {@code anna}, {@code joanne} or
 * {@code ann.jpg}. Identifiers take letters, digits, {@code _}, {@code .} and {@code -}; a colon
 * separates, as it does in ExternalImageIds.
 */
final class IdentifierMatcher {

    private final Pattern pattern;

    IdentifierMatcher(String identifier) {
        if (identifier == null || identifier.isBlank()) {
            throw new IllegalArgumentException("an identifier to look for is needed");
        }
        this.pattern = Pattern.compile("(?<![A-Za-z0-9_.\\-])" + Pattern.quote(identifier)
                + "(?:(?![A-Za-z0-9_.\\-])|(?=\\.json(?![A-Za-z0-9_.\\-])))");
    }

    boolean foundIn(String text) {
        return text != null && pattern.matcher(text).find();
    }
}
