package dev.facerec.functions.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Real faces for the tests: the group photos the npm package {@code @vladmandic/face-api} ships
 * ({@code demo/sample1.jpg … sample6.jpg}, read at run time from the {@code node_modules} the build installs, never
 * copied into the repository), and crops of the faces a Rekognition finds in them.
 */
public final class SampleFaces {

    private SampleFaces() {}

    /** The bytes of {@code demo/sample<n>.jpg}. */
    public static byte[] photo(int n) {
        Path photo = demo().resolve("sample" + n + ".jpg");
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + photo, e);
        }
    }

    /** The faces {@code rekognition} detects in sample photo {@code n}, cropped. */
    public static List<SampleFace> faces(RekognitionClient rekognition, int n) {
        byte[] photo = photo(n);
        List<FaceDetail> details = rekognition
                .detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(photo))))
                .faceDetails();
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(photo));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SampleFace> faces = new ArrayList<>();
        for (FaceDetail detail : details) {
            faces.add(new SampleFace(detail.boundingBox(), crop(image, detail.boundingBox())));
        }
        return faces;
    }

    private static byte[] crop(BufferedImage image, BoundingBox box) {
        int w = image.getWidth();
        int h = image.getHeight();
        int x0 = Math.max(0, Math.round((box.left() - box.width() / 2) * w));
        int y0 = Math.max(0, Math.round((box.top() - box.height() / 2) * h));
        int x1 = Math.min(w, Math.round((box.left() + box.width() * 1.5f) * w));
        int y1 = Math.min(h, Math.round((box.top() + box.height() * 1.5f) * h));
        return SyntheticImages.encodeJpeg(image.getSubimage(x0, y0, x1 - x0, y1 - y0));
    }

    private static Path demo() {
        String configured = System.getProperty("facerec.nodeModules");
        if (configured != null) {
            return Path.of(configured, "@vladmandic", "face-api", "demo");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("node_modules/@vladmandic/face-api/demo");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("node_modules/@vladmandic/face-api is missing: the build installs it with npm "
                + "(mvn validate at the repository root)");
    }
}
