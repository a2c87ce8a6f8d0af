package dev.facerec.functions.core.image;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks an uploaded object against Rekognition's input rules before any Rekognition call: type by magic bytes,
 * byte size, and pixel dimensions from the header — reading only the object's first block (and its last one, for
 * the truncation check) with ranged GETs.
 */
public final class ImageInspector {

    private final S3Client s3;
    private final ImageLimits limits;

    public ImageInspector(S3Client s3, ImageLimits limits) {
        this.s3 = s3;
        this.limits = limits;
    }

    /**
     * Inspects the object of an ObjectCreated event.
     *
     * @throws RejectedException when the object breaks a rule (NOT_AN_IMAGE, TOO_LARGE, TOO_SMALL)
     * @throws dev.facerec.functions.core.status.StaleObjectException when the object is gone or changed
     */
    public InspectedImage inspect(S3ObjectEvent event) {
        checkSize(event.size());
        S3ObjectSource source = S3ObjectSource.open(s3, event.bucket(), event.key(), event.versionId(), event.eTag());
        checkSize(source.size());
        try {
            ImageHeader header = ImageHeaderReader.read(source);
            checkDimensions(header);
            return new InspectedImage(header, source.size(), source.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the object's header", e);
        }
    }

    /** Applies the byte-size limit. */
    public void checkSize(long size) {
        if (size == 0) {
            throw new RejectedException(Reason.NOT_AN_IMAGE, "the object is empty (0 bytes)");
        }
        if (size > limits.maxBytes()) {
            throw new RejectedException(
                    Reason.TOO_LARGE, "the object has " + size + " bytes; the limit is " + limits.maxBytes());
        }
    }

    /** Applies the pixel limits to a header. */
    public void checkDimensions(ImageHeader header) {
        int shortest = Math.min(header.width(), header.height());
        int longest = Math.max(header.width(), header.height());
        if (longest > limits.maxSide()) {
            throw new RejectedException(
                    Reason.TOO_LARGE,
                    "the image is " + header.width() + "x" + header.height()
                            + " pixels; the longest side may have at most " + limits.maxSide());
        }
        if (shortest < limits.minSide()) {
            throw new RejectedException(
                    Reason.TOO_SMALL,
                    "the image is " + header.width() + "x" + header.height() + " pixels; each side needs at least "
                            + limits.minSide());
        }
    }
}
