package dev.facerec.local.rekognition.engine;

import dev.facerec.local.rekognition.engine.ImageException.Kind;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG and PNG bytes with ImageIO: header checked first, large images read at reduced size (every n-th
 * pixel, so that the longest side is at most a limit), EXIF orientation applied.
 */
final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * Decodes {@code bytes}, subsampled by the smallest whole step that brings the longest side to at most
   * {@code limit} pixels.
   */
  static DecodedImage decode(byte[] bytes, int limit) throws ImageException {
    ImageHeader header = ImageHeader.read(bytes);
    int longest = Math.max(header.width(), header.height());
    int step = (longest + limit - 1) / limit;
    BufferedImage image = read(bytes, header.format(), step);
    RgbImage raster = Orientation.apply(toRgb(image), header.orientation());
    return new DecodedImage(raster, header.orientedWidth(), header.orientedHeight());
  }

  private static BufferedImage read(byte[] bytes, String format, int step) throws ImageException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format);
    }
    ImageReader reader = readers.next();
    AtomicReference<String> truncated = new AtomicReference<>();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      reader.addIIOReadWarningListener((source, warning) -> {
        if (warning != null && warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
          truncated.set(warning);
        }
      });
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      BufferedImage image = reader.read(0, param);
      if (truncated.get() != null) {
        throw new ImageException(Kind.INVALID_IMAGE_FORMAT, "Invalid " + format.toUpperCase(java.util.Locale.ROOT)
            + ": the data is truncated");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      throw new ImageException(Kind.INVALID_IMAGE_FORMAT, "Invalid " + format.toUpperCase(java.util.Locale.ROOT)
          + ": cannot decode (" + e.getMessage() + ")", e);
    } finally {
      reader.dispose();
    }
  }

  private static RgbImage toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    boolean packed = image.getRaster().getDataBuffer() instanceof DataBufferByte
        && image.getSampleModel() instanceof ComponentSampleModel model
        && model.getScanlineStride() == w * model.getPixelStride()
        && image.getRaster().getSampleModelTranslateX() == 0
        && image.getRaster().getSampleModelTranslateY() == 0;
    if (packed && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
    } else if (packed && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < w * h; i++) {
        rgb[i * 3] = grey[i];
        rgb[i * 3 + 1] = grey[i];
        rgb[i * 3 + 2] = grey[i];
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int o = (y * w + x) * 3;
          rgb[o] = (byte) (row[x] >> 16);
          rgb[o + 1] = (byte) (row[x] >> 8);
          rgb[o + 2] = (byte) row[x];
        }
      }
    }
    return new RgbImage(w, h, rgb);
  }
}
