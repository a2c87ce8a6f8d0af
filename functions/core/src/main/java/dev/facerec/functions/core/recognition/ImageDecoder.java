package dev.facerec.functions.core.recognition;

import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a JPEG or PNG for cropping faces: large images are decoded at a reduced size (whole-pixel subsampling, so
 * that memory stays bounded by {@link #MAX_DECODED_SIDE}), and the EXIF orientation is applied, so that the pixels
 * match the oriented image that Rekognition's bounding boxes refer to.
 */
public final class ImageDecoder {

    /** Longest side, in pixels, an image is decoded at. */
    public static final int MAX_DECODED_SIDE = 3000;

    private ImageDecoder() {}

    /**
     * Decodes {@code bytes}, whose header was already read.
     *
     * @throws RejectedException NOT_AN_IMAGE when the bytes cannot be decoded
     */
    public static BufferedImage decode(byte[] bytes, ImageHeader header) {
        int longest = Math.max(header.width(), header.height());
        int step = Math.max(1, (longest + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw cannotDecode(null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return orient(reader.read(0, param), header.orientation());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw cannotDecode(e);
        }
    }

    /** Turns stored pixels into the displayed image for an EXIF orientation (1–8). */
    public static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean transposed = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> t.setTransform(-1, 0, 0, 1, w, 0);
            case 3 -> t.setTransform(-1, 0, 0, -1, w, h);
            case 4 -> t.setTransform(1, 0, 0, -1, 0, h);
            case 5 -> t.setTransform(0, 1, 1, 0, 0, 0);
            case 6 -> t.setTransform(0, 1, -1, 0, h, 0);
            case 7 -> t.setTransform(0, -1, -1, 0, h, w);
            default -> t.setTransform(0, -1, 1, 0, 0, w);
        }
        BufferedImage out = new BufferedImage(transposed ? h : w, transposed ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    private static RejectedException cannotDecode(Exception cause) {
        return new RejectedException(Reason.NOT_AN_IMAGE, "the image cannot be decoded", null, cause);
    }
}
