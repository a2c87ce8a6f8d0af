package dev.facerec.engine.analysis;

/** An 8-bit RGB raster, pixels interleaved row by row ({@code r, g, b, r, g, b, ...}). */
final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] pixels;

    RgbImage(int width, int height, byte[] pixels) {
        if (width < 1 || height < 1 || pixels.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "bad raster " + width + "x" + height + " with " + pixels.length + " bytes");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The raw interleaved RGB bytes (not a copy). */
    byte[] pixels() {
        return pixels;
    }

    /** Channel {@code c} (0 = red, 1 = green, 2 = blue) of pixel (x, y), 0–255. */
    int get(int x, int y, int c) {
        return pixels[(y * width + x) * 3 + c] & 0xff;
    }

    /** Luma (ITU-R BT.601) of pixel (x, y), 0–255. */
    float luma(int x, int y) {
        int i = (y * width + x) * 3;
        return 0.299f * (pixels[i] & 0xff) + 0.587f * (pixels[i + 1] & 0xff) + 0.114f * (pixels[i + 2] & 0xff);
    }

    /** The image mirrored left to right. */
    RgbImage mirrored() {
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                System.arraycopy(pixels, row + x * 3, out, row + (width - 1 - x) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }
}
