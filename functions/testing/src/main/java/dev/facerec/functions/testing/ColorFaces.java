package dev.facerec.functions.testing;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Finds the {@link FaceColor} squares in an image: one face per colour present, largest first. */
public final class ColorFaces {

    /** A square that covers at least this share of its bounding box counts as a face. */
    private static final double MIN_FILL = 0.5;

    private static final int MIN_PIXELS = 16;

    private ColorFaces() {}

    /** Detects the faces of an image. */
    public static List<ColorFace> detect(BufferedImage image) {
        Map<FaceColor, int[]> bounds = new EnumMap<>(FaceColor.class);
        Map<FaceColor, Integer> counts = new EnumMap<>(FaceColor.class);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                FaceColor color = FaceColor.of(image.getRGB(x, y));
                if (color == null) {
                    continue;
                }
                int[] b = bounds.get(color);
                if (b == null) {
                    b = new int[] {x, y, x, y};
                    bounds.put(color, b);
                }
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
                counts.merge(color, 1, Integer::sum);
            }
        }
        List<ColorFace> found = new ArrayList<>();
        bounds.forEach((color, b) -> {
            Rectangle box = new Rectangle(b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1);
            int pixels = counts.get(color);
            if (pixels >= MIN_PIXELS && pixels >= MIN_FILL * box.width * box.height) {
                found.add(new ColorFace(color, box));
            }
        });
        found.sort(Comparator.comparingInt((ColorFace f) -> f.box().width * f.box().height)
                .reversed());
        return found;
    }
}
