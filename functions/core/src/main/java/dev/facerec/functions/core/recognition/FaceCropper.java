package dev.facerec.functions.core.recognition;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * Cuts one face out of a photo for a search: a square around the face's bounding box with a margin (Rekognition
 * detects faces better with some context), at least {@link #MIN_SIDE} pixels, kept inside the image. The other
 * faces of the photo that fall into the square are painted over, so that the searched face is the only one in the
 * crop (Rekognition searches only the largest face of an image).
 */
public final class FaceCropper {

    /** Rekognition's minimum image side. */
    public static final int MIN_SIDE = 80;
    /** Crop side as a multiple of the face's larger side. */
    public static final double CONTEXT = 1.8;

    private static final Color NEUTRAL = new Color(128, 128, 128);
    private static final float QUALITY = 0.92f;

    private FaceCropper() {}

    /** Crops face {@code index}. */
    public static FaceCrop crop(BufferedImage image, List<BoundingBox> faces, int index) {
        Rectangle face = pixels(faces.get(index), image);
        int side = (int) Math.ceil(Math.max(face.width, face.height) * CONTEXT);
        side = Math.max(side, MIN_SIDE);
        int width = Math.min(side, image.getWidth());
        int height = Math.min(side, image.getHeight());
        int x = clamp(face.x + face.width / 2 - width / 2, 0, image.getWidth() - width);
        int y = clamp(face.y + face.height / 2 - height / 2, 0, image.getHeight() - height);
        Rectangle region = new Rectangle(x, y, width, height);

        BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        g.drawImage(image, -x, -y, null);
        g.setColor(NEUTRAL);
        for (int i = 0; i < faces.size(); i++) {
            Rectangle other = pixels(faces.get(i), image);
            if (i != index && other.intersects(region) && !other.intersects(face)) {
                g.fillRect(other.x - x, other.y - y, other.width, other.height);
            }
        }
        g.dispose();
        return new FaceCrop(encode(crop), region, face);
    }

    /** A ratio bounding box in pixels of {@code image}, clipped to it. */
    public static Rectangle pixels(BoundingBox box, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int left = clamp((int) Math.floor(value(box.left()) * w), 0, w - 1);
        int top = clamp((int) Math.floor(value(box.top()) * h), 0, h - 1);
        int right = clamp((int) Math.ceil((value(box.left()) + value(box.width())) * w), left + 1, w);
        int bottom = clamp((int) Math.ceil((value(box.top()) + value(box.height())) * h), top + 1, h);
        return new Rectangle(left, top, right - left, bottom - top);
    }

    private static double value(Float ratio) {
        return ratio == null ? 0 : ratio;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a face crop", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
