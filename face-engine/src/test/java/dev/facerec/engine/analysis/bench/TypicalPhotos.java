package dev.facerec.engine.analysis.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Typical photos for speed measurements: the JPEGs of 1–3 MP among the shared photos ({@code deepface/},
 * {@code identities/}, {@code groups/} of {@code ../shared/faces}), mostly one to three faces each.
 */
public final class TypicalPhotos {

    private static final long MIN_PIXELS = 1_000_000;
    private static final long MAX_PIXELS = 3_000_000;

    private TypicalPhotos() {}

    /** The 1–3 MP photos of the shared set, in manifest order; empty when the set is absent. */
    public static List<byte[]> oneToThreeMegapixels() {
        List<Path> files = FaceSet.locate()
                .map(set -> Stream.of("deepface", "identity", "group")
                        .flatMap(kind -> set.ofKind(kind).stream())
                        .map(FaceSet.Photo::file)
                        .toList())
                .orElse(List.of());
        List<byte[]> photos = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = read(f);
            long px = pixels(bytes);
            if (px >= MIN_PIXELS && px <= MAX_PIXELS) {
                photos.add(bytes);
            }
        }
        return photos;
    }

    /** A JPEG with a progressive frame header (SOF2), which ImageIO decodes several times slower. */
    public static boolean isProgressive(byte[] bytes) {
        for (int i = 2; i + 3 < bytes.length && (bytes[i] & 0xff) == 0xff; ) {
            int marker = bytes[i + 1] & 0xff;
            if (marker == 0xc2) {
                return true;
            }
            if (marker == 0xda) {
                return false;
            }
            i += 2 + ((bytes[i + 2] & 0xff) << 8 | (bytes[i + 3] & 0xff));
        }
        return false;
    }

    /** Width × height from the image's header; 0 when no ImageIO reader knows the format. */
    public static long pixels(byte[] bytes) {
        try (ImageInputStream image = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(image);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            reader.setInput(image);
            long px = (long) reader.getWidth(0) * reader.getHeight(0);
            reader.dispose();
            return px;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The bytes of {@code file}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
