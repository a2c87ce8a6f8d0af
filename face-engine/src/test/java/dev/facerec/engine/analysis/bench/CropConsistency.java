package dev.facerec.engine.analysis.bench;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.ImageException;
import dev.facerec.engine.analysis.SimilarityScale;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Whether a face gets the same embedding in a photo and in a crop of it, as when the recognition function cuts
 * each face out of a photo and searches with the crop, or a person is enrolled from a cropped picture: every face
 * of the photo is cut out with a margin of {@code margin} × its box on each side, re-encoded as JPEG, analysed
 * again, and the crop's face at the same place (highest overlap with the original box) is compared by cosine.
 */
public final class CropConsistency {

    /**
     * One face in one crop.
     *
     * @param box     the face's box in the photo (ratios)
     * @param pixels  the face's height in the photo, pixels
     * @param yaw     the face's yaw in the photo, degrees
     * @param margin  the margin of the crop, in box sizes on each side
     * @param cosine  cosine between the photo's and the crop's embedding; −1 when the crop showed no face there
     * @param skipped the crop is under Rekognition's 80-pixel minimum, so it was not analysed
     */
    public record Result(DetectedFace.Box box, int pixels, float yaw, float margin, float cosine, boolean skipped) {}

    private CropConsistency() {}

    /** Every face of {@code photo} in a crop at every margin; empty when the photo is refused or oriented by EXIF. */
    public static List<Result> measure(FaceEngine engine, byte[] photo, float... margins) {
        AnalyzedImage full;
        try {
            full = engine.analyze(photo, AnalysisOptions.EMBED);
        } catch (ImageException e) {
            return List.of();
        }
        BufferedImage image = decode(photo);
        if (image == null || image.getWidth() != full.width() || image.getHeight() != full.height()) {
            return List.of(); // ImageIO ignores EXIF orientation: the boxes would not fit its pixels
        }
        List<Result> results = new ArrayList<>();
        for (DetectedFace face : full.faces()) {
            for (float margin : margins) {
                results.add(compare(engine, image, face, margin));
            }
        }
        return results;
    }

    private static Result compare(FaceEngine engine, BufferedImage image, DetectedFace face, float margin) {
        DetectedFace.Box b = face.box();
        int w = image.getWidth();
        int h = image.getHeight();
        Rectangle region = region(w, h, b, margin);
        float yaw = face.pose().yaw();
        int pixels = Math.round(b.height() * h);
        if (region.width < 80 || region.height < 80) {
            return new Result(b, pixels, yaw, margin, Float.NaN, true);
        }
        int x1 = region.x;
        int y1 = region.y;
        AnalyzedImage crop;
        try {
            crop = engine.analyze(jpeg(image.getSubimage(x1, y1, region.width, region.height)), AnalysisOptions.EMBED);
        } catch (ImageException e) {
            throw new IllegalStateException("a JPEG crop was refused: " + e.getMessage(), e);
        }
        // the original box in the crop's ratios
        float left = (b.left() * w - x1) / crop.width();
        float top = (b.top() * h - y1) / crop.height();
        float width = b.width() * w / crop.width();
        float height = b.height() * h / crop.height();
        DetectedFace best = null;
        double bestOverlap = 0;
        for (DetectedFace candidate : crop.faces()) {
            DetectedFace.Box c = candidate.box();
            double ix = Math.min(left + width, c.left() + c.width()) - Math.max(left, c.left());
            double iy = Math.min(top + height, c.top() + c.height()) - Math.max(top, c.top());
            double inter = Math.max(0, ix) * Math.max(0, iy);
            double overlap = inter / (width * height + c.width() * c.height() - inter);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = candidate;
            }
        }
        float cosine = best == null ? -1 : SimilarityScale.cosine(face.embedding(), best.embedding());
        return new Result(b, pixels, yaw, margin, cosine, false);
    }

    /**
     * The pixels of a {@code width} × {@code height} image that a face box (ratios) grown by {@code margin} × its
     * size on each side covers, cut at the image's edges.
     */
    public static Rectangle region(int width, int height, DetectedFace.Box box, float margin) {
        int x1 = Math.max(0, Math.round((box.left() - margin * box.width()) * width));
        int y1 = Math.max(0, Math.round((box.top() - margin * box.height()) * height));
        int x2 = Math.min(width, Math.round((box.left() + (1 + margin) * box.width()) * width));
        int y2 = Math.min(height, Math.round((box.top() + (1 + margin) * box.height()) * height));
        return new Rectangle(x1, y1, x2 - x1, y2 - y1);
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            return null;
        }
    }

    /** The region as a JPEG of ImageIO's default quality (0.75). */
    static byte[] jpeg(BufferedImage region) {
        BufferedImage rgb = new BufferedImage(region.getWidth(), region.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(region, 0, 0, null);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(rgb, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
