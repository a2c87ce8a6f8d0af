package dev.facerec.functions.sightings;

/**
 * A search that cannot be answered as asked: a malformed request, an image Rekognition cannot read, no face in it.
 * Answered as {@code {"error": {"code": ..., "message": ...}}}, never retried.
 */
public final class SearchRefused extends RuntimeException {

    /** The request breaks the documented schema. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    /** The image is missing, not a JPEG or PNG, or over Rekognition's limits. */
    public static final String INVALID_IMAGE = "INVALID_IMAGE";
    /** Rekognition found no face in the image. */
    public static final String NO_FACE = "NO_FACE";

    private final String code;

    public SearchRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
