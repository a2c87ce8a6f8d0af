package dev.facerec.local.cli;

import java.awt.image.BufferedImage;

/** Cuts a face out of a photo, with a margin around its box. */
final class Crops {

  private Crops() {
  }

  /** The face's box grown by {@code margin} × its size on every side, clipped to the image, as RGB. */
  static BufferedImage around(BufferedImage image, RecognizedFace face, double margin) {
    int w = image.getWidth();
    int h = image.getHeight();
    int x0 = clamp((face.left() - margin * face.width()) * w, w);
    int y0 = clamp((face.top() - margin * face.height()) * h, h);
    int x1 = clamp((face.left() + (1 + margin) * face.width()) * w, w);
    int y1 = clamp((face.top() + (1 + margin) * face.height()) * h, h);
    BufferedImage crop = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
    crop.getGraphics().drawImage(image.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
    return crop;
  }

  private static int clamp(double value, int limit) {
    return (int) Math.max(0, Math.min(limit, Math.round(value)));
  }
}
