package dev.facerec.functions.testing;

import java.awt.Color;

/**
 * The "faces" of synthetic test images: solid squares of saturated colours on a grey background. Each colour stands
 * for one subject, so {@link ColorFaceEngine} can find, measure and identify them from the pixels alone. The
 * colours are far apart in RGB so that JPEG compression cannot turn one into another.
 */
public enum FaceColor {
    RED(220, 30, 30),
    GREEN(30, 200, 30),
    BLUE(30, 30, 220),
    YELLOW(230, 220, 30),
    MAGENTA(220, 30, 220),
    CYAN(30, 210, 220);

    /** The background of synthetic images. */
    public static final Color BACKGROUND = new Color(128, 128, 128);

    private static final int TOLERANCE = 45;

    private final Color color;

    FaceColor(int red, int green, int blue) {
        this.color = new Color(red, green, blue);
    }

    public Color color() {
        return color;
    }

    /** The face colour a pixel belongs to, or {@code null}. */
    public static FaceColor of(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        for (FaceColor candidate : values()) {
            Color c = candidate.color;
            if (Math.abs(c.getRed() - r) <= TOLERANCE
                    && Math.abs(c.getGreen() - g) <= TOLERANCE
                    && Math.abs(c.getBlue() - b) <= TOLERANCE) {
                return candidate;
            }
        }
        return null;
    }
}
