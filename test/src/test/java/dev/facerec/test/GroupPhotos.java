package dev.facerec.test;

import dev.facerec.twin.cli.Crops;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * The group photos the npm package {@code @vladmandic/face-api} ships ({@code demo/sample<n>.jpg}, read at run time,
 * never copied), and crops of them.
 */
final class GroupPhotos {

    private GroupPhotos() {}

    static Path sample(int n) {
        Path photo = Path.of(
                System.getProperty("facerec.nodeModules", "../node_modules"),
                "@vladmandic",
                "face-api",
                "demo",
                "sample" + n + ".jpg");
        if (!Files.isRegularFile(photo)) {
            throw new IllegalStateException(photo + " is missing: the build installs @vladmandic/face-api with npm");
        }
        return photo;
    }

    static byte[] read(Path photo) {
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The face's box grown by {@code margin} × its size on every side, as a JPEG (the CLI's demo crops alike). */
    static byte[] crop(byte[] photo, BoundingBox box, float margin) {
        return encode(Crops.around(decode(photo), box.left(), box.top(), box.width(), box.height(), margin), "jpg");
    }

    /** A plain grey PNG of the given size, e.g. too small for Rekognition. */
    static byte[] blank(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encode(BufferedImage image, String format) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(rgb, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
