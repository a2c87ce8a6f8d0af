package dev.facerec.engine.analysis;

/** The image cannot be analysed; {@link #kind()} tells the server which Rekognition error to answer. */
public final class ImageException extends Exception {

    /** Why the image was refused. */
    public enum Kind {
        /** Not a JPEG or PNG, or not decodable (truncated, corrupt). Rekognition: InvalidImageFormatException. */
        INVALID_IMAGE_FORMAT,
        /** Dimensions over Rekognition's limit. Rekognition: ImageTooLargeException. */
        IMAGE_TOO_LARGE,
        /** Under 80 pixels on a side. Rekognition: InvalidParameterException. */
        IMAGE_TOO_SMALL
    }

    private final Kind kind;

    public ImageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImageException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
