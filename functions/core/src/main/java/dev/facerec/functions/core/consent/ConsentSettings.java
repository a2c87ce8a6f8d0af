package dev.facerec.functions.core.consent;

import java.util.Map;

/**
 * Whether enrolment needs the person's consent ({@code REQUIRE_CONSENT}, default {@code true}) and the key prefix of
 * consent documents ({@code CONSENT_PREFIX}, default {@code consent/}).
 *
 * @param required whether enrolment and recognition need a valid consent record
 * @param prefix   the key prefix of consent documents
 */
public record ConsentSettings(boolean required, String prefix) {

    public static final String DEFAULT_PREFIX = "consent/";

    /** Consent not required: enrolment and recognition as without consent records. */
    public static final ConsentSettings NOT_REQUIRED = new ConsentSettings(false, DEFAULT_PREFIX);

    /** Consent required, documents under the default prefix. */
    public static final ConsentSettings REQUIRED = new ConsentSettings(true, DEFAULT_PREFIX);

    public ConsentSettings {
        if (prefix == null || prefix.isBlank() || prefix.startsWith("/")) {
            throw new IllegalArgumentException("CONSENT_PREFIX must be a non-empty key prefix not starting with '/'");
        }
    }

    /** Reads the settings from an environment map such as {@link System#getenv()}. */
    public static ConsentSettings fromEnvironment(Map<String, String> env) {
        String required = env.getOrDefault("REQUIRE_CONSENT", "true").trim();
        if (!required.equals("true") && !required.equals("false")) {
            throw new IllegalArgumentException("REQUIRE_CONSENT must be true or false, got '" + required + "'");
        }
        return new ConsentSettings(Boolean.parseBoolean(required), env.getOrDefault("CONSENT_PREFIX", DEFAULT_PREFIX));
    }
}
