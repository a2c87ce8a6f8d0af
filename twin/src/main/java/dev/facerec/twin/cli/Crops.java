package dev.facerec.twin.cli;

import java.awt.image.BufferedImage;

/** Cuts a face out of a photo, with a margin around its box. */
public final class Crops {

    private Crops() {}

    /**
     * The box (left, top, width, height as ratios of the image size) grown by {@code margin} × its size on every side,
     * clipped to the image, as an RGB image.
     */
    public static BufferedImage around(
            BufferedImage image, double left, double top, double width, double height, double margin) {
        int w = image.getWidth();
        int h = image.getHeight();
        int x0 = clamp((left - margin * width) * w, w);
        int y0 = clamp((top - margin * height) * h, h);
        int x1 = clamp((left + (1 + margin) * width) * w, w);
        int y1 = clamp((top + (1 + margin) * height) * h, h);
        BufferedImage crop = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(image.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
        return crop;
    }

    static BufferedImage around(BufferedImage image, RecognizedFace face, double margin) {
        return around(image, face.left(), face.top(), face.width(), face.height(), margin);
    }

    private static int clamp(double value, int limit) {
        return (int) Math.max(0, Math.min(limit, Math.round(value)));
    }
}
