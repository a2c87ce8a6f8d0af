package dev.facerec.twin.cloudformation;

/** A template the twin cannot deploy: malformed, or using something the twin does not support. */
public class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
