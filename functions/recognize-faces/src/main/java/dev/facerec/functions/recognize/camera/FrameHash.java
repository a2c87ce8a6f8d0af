package dev.facerec.functions.recognize.camera;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A perceptual hash of a frame (a difference hash): the frame scaled to 9×8 grey pixels, one bit per pair of
 * horizontal neighbours (is the left one brighter). Two frames of a static scene differ by JPEG noise only and hash
 * within {@link #SAME_SCENE_DISTANCE} bits of each other; a person entering, leaving or moving changes many bits.
 */
public final class FrameHash {

    /** Bits two hashes may differ by and still show the same scene. */
    public static final int SAME_SCENE_DISTANCE = 3;

    private static final int WIDTH = 9;
    private static final int HEIGHT = 8;

    private FrameHash() {}

    /** The 64-bit hash of {@code image}. */
    public static long of(BufferedImage image) {
        BufferedImage small = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, WIDTH, HEIGHT, null);
        } finally {
            g.dispose();
        }
        long hash = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH - 1; x++) {
                int left = small.getRaster().getSample(x, y, 0);
                int right = small.getRaster().getSample(x + 1, y, 0);
                hash = (hash << 1) | (left > right ? 1 : 0);
            }
        }
        return hash;
    }

    /** How many bits two hashes differ by. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
