package dev.facerec.functions.identity;

import dev.facerec.functions.core.image.ByteSource;
import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.image.ImageHeaderReader;
import dev.facerec.functions.core.image.ImageInspector;
import dev.facerec.functions.core.recognition.ResultDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * The image of a verify or identify request, checked against Rekognition's input rules before any Rekognition call.
 *
 * @param bytes  the image's bytes (for decoding: identification crops every face from them)
 * @param header its format and dimensions
 * @param source the bucket object it was read from, or {@code null} when it came in the request
 */
record ProbeImage(byte[] bytes, ImageHeader header, ResultDocument.Source source) {

    /**
     * Checks {@code bytes} with {@code inspector}'s limits.
     *
     * @throws dev.facerec.functions.core.status.RejectedException NOT_AN_IMAGE, TOO_LARGE or TOO_SMALL
     */
    static ProbeImage of(byte[] bytes, ImageInspector inspector, ResultDocument.Source source) {
        inspector.checkSize(bytes.length);
        try {
            ImageHeader header = ImageHeaderReader.read(ByteSource.of(bytes));
            inspector.checkDimensions(header);
            return new ProbeImage(bytes, header, source);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an image in memory", e);
        }
    }

    /** The image as Rekognition is given it: the bucket object when there is one (up to 15 MB), else the bytes. */
    Image rekognitionImage() {
        if (source != null) {
            return Image.builder()
                    .s3Object(o -> o.bucket(source.bucket()).name(source.key()).version(source.versionId()))
                    .build();
        }
        return Image.builder().bytes(SdkBytes.fromByteArrayUnsafe(bytes)).build();
    }
}
