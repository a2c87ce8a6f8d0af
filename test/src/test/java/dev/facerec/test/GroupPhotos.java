package dev.facerec.test;

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

  private GroupPhotos() {
  }

  static Path sample(int n) {
    Path photo = Path.of(System.getProperty("facerec.nodeModules", "../node_modules"), "@vladmandic", "face-api",
        "demo", "sample" + n + ".jpg");
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

  /** The face's box grown by {@code margin} × its size on every side, as a JPEG. */
  static byte[] crop(byte[] photo, BoundingBox box, float margin) {
    BufferedImage image = decode(photo);
    int w = image.getWidth();
    int h = image.getHeight();
    int x0 = clamp((box.left() - margin * box.width()) * w, w);
    int y0 = clamp((box.top() - margin * box.height()) * h, h);
    int x1 = clamp((box.left() + (1 + margin) * box.width()) * w, w);
    int y1 = clamp((box.top() + (1 + margin) * box.height()) * h, h);
    return encode(image.getSubimage(x0, y0, x1 - x0, y1 - y0), "jpg");
  }

  /** A plain grey PNG of the given size, e.g. too small for Rekognition. */
  static byte[] blank(int width, int height) {
    return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png");
  }

  private static int clamp(float value, int limit) {
    return Math.max(0, Math.min(limit, Math.round(value)));
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
