package dev.facerec.engine.rekognition;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * Test images: the group photos the npm package {@code @vladmandic/face-api} ships (read at run time, never
 * copied), crops of them, and generated images without faces.
 */
final class Photos {

    private Photos() {}

    /** {@code demo/sample<n>.jpg} of {@code @vladmandic/face-api}: 1920-px group photos of 3–5 people. */
    static byte[] sample(int n) {
        String nodeModules = System.getProperty("facerec.nodeModules", "../node_modules");
        try {
            return Files.readAllBytes(Path.of(nodeModules, "@vladmandic", "face-api", "demo", "sample" + n + ".jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException("the build installs @vladmandic/face-api with npm; run the build first", e);
        }
    }

    static Image image(byte[] bytes) {
        return Image.builder().bytes(SdkBytes.fromByteArray(bytes)).build();
    }

    /** The region of {@code box} grown by {@code margin} × its size on every side, as a JPEG. */
    static byte[] crop(byte[] photo, BoundingBox box, float margin) {
        BufferedImage image = read(photo);
        int w = image.getWidth();
        int h = image.getHeight();
        int x0 = clamp((box.left() - margin * box.width()) * w, w);
        int y0 = clamp((box.top() - margin * box.height()) * h, h);
        int x1 = clamp((box.left() + (1 + margin) * box.width()) * w, w);
        int y1 = clamp((box.top() + (1 + margin) * box.height()) * h, h);
        return jpeg(image.getSubimage(x0, y0, x1 - x0, y1 - y0));
    }

    /** A smooth gradient, {@code width} × {@code height} pixels, with no face in it. */
    static byte[] noFace(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.DARK_GRAY, width, height, Color.LIGHT_GRAY));
        g.fillRect(0, 0, width, height);
        g.dispose();
        return encode(image, "png");
    }

    /** {@code tiles} copies of {@code face} (a crop) side by side on a grid: a photo with many faces. */
    static byte[] collage(byte[] face, int columns, int rows) {
        BufferedImage tile = read(face);
        BufferedImage image =
                new BufferedImage(tile.getWidth() * columns, tile.getHeight() * rows, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                g.drawImage(tile, c * tile.getWidth(), r * tile.getHeight(), null);
            }
        }
        g.dispose();
        return jpeg(image);
    }

    static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return encode(rgb, "jpg");
    }

    private static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int clamp(float value, int max) {
        return Math.max(0, Math.min(max, Math.round(value)));
    }
}
