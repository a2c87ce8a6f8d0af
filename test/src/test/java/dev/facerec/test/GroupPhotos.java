package dev.facerec.test;

import dev.facerec.twin.cli.Crops;
import java.awt.Color;
import java.awt.Graphics2D;
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

    /**
     * A replay attack made of a photo: {@code photo} shown on a phone (a dark bezel, a glare across half the screen)
     * lying on a desk, photographed from twice its size.
     */
    static byte[] onPhoneScreen(byte[] photo) {
        BufferedImage face = decode(photo);
        int w = face.getWidth() * 2;
        int h = face.getHeight() * 2;
        BufferedImage scene = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scene.createGraphics();
        g.setColor(new Color(150, 140, 130));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRoundRect(w / 4 - 20, h / 4 - 30, w / 2 + 40, h / 2 + 60, 30, 30);
        g.drawImage(face, w / 4, h / 4, w / 2, h / 2, null);
        g.setColor(new Color(255, 255, 255, 60));
        g.fillRect(w / 4, h / 4, w / 4, h / 2);
        g.dispose();
        return encode(scene, "jpg");
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
