package dev.facerec.functions.core.consent;

/**
 * A consent statement that breaks the schema (docs/api.md, "Consent"): a stable {@link #code()} and a message for
 * people that names the member at fault, never its value.
 */
public final class InvalidConsentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    public InvalidConsentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
