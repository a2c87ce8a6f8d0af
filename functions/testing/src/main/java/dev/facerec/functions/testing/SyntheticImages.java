package dev.facerec.functions.testing;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/** Test images made in code: grey pictures with {@link FaceColor} faces, and the bad inputs of the issue. */
public final class SyntheticImages {

    /** A 1×1 lossless WebP. */
    private static final String WEBP_1X1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==";

    private SyntheticImages() {}

    /** A face of {@code color} as a {@code size}-pixel square at {@code (x, y)}. */
    public static ColorFace face(FaceColor color, int x, int y, int size) {
        return new ColorFace(color, new Rectangle(x, y, size, size));
    }

    /** A grey picture with the given faces. */
    public static BufferedImage picture(int width, int height, ColorFace... faces) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(FaceColor.BACKGROUND);
        g.fillRect(0, 0, width, height);
        for (ColorFace face : faces) {
            g.setColor(face.color().color());
            g.fill(face.box());
        }
        g.dispose();
        return image;
    }

    /** A JPEG of a grey picture with the given faces. */
    public static byte[] jpeg(int width, int height, ColorFace... faces) {
        return encodeJpeg(picture(width, height, faces));
    }

    /** A PNG of a grey picture with the given faces. */
    public static byte[] png(int width, int height, ColorFace... faces) {
        return encode(picture(width, height, faces), "png");
    }

    /** A GIF of a grey picture with the given faces. */
    public static byte[] gif(int width, int height, ColorFace... faces) {
        return encode(picture(width, height, faces), "gif");
    }

    /** A valid 1×1 WebP file. */
    public static byte[] webp() {
        return Base64.getDecoder().decode(WEBP_1X1);
    }

    /** A text file. */
    public static byte[] text() {
        return "These are not the pixels you are looking for.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first {@code fraction} of a JPEG: its header is intact, its image data cut short. */
    public static byte[] truncatedJpeg(int width, int height, double fraction, ColorFace... faces) {
        byte[] whole = jpeg(width, height, faces);
        return Arrays.copyOf(whole, (int) (whole.length * fraction));
    }

    /** A small valid PNG whose IHDR claims {@code width}×{@code height} pixels (CRC fixed up, IEND present). */
    public static byte[] pngClaiming(long width, long height) {
        byte[] png = png(100, 100);
        ByteBuffer buffer = ByteBuffer.wrap(png);
        buffer.putInt(16, (int) width);
        buffer.putInt(20, (int) height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    /**
     * The JPEG with an Exif APP1 segment carrying {@code orientation} (1–8) inserted after its start marker: viewers
     * (and Rekognition) show the stored pixels turned accordingly.
     */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer app1 = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        app1.putShort((short) 0xFFE1).putShort((short) (app1.capacity() - 2));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        app1.putShort((short) 1);
        app1.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        app1.putInt(0);
        byte[] out = new byte[jpeg.length + app1.capacity()];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
        System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
        return out;
    }

    /**
     * The pixels a camera stores for {@code displayed} when it tags them with EXIF orientation 6 ("rotate 90°
     * clockwise to display"): {@code displayed} turned 90° counter-clockwise.
     */
    public static BufferedImage storedForOrientation6(BufferedImage displayed) {
        int width = displayed.getHeight();
        int height = displayed.getWidth();
        BufferedImage stored = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                stored.setRGB(x, y, displayed.getRGB(height - 1 - y, x));
            }
        }
        return stored;
    }

    /** Encodes an image as a JPEG of good quality. */
    public static byte[] encodeJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
