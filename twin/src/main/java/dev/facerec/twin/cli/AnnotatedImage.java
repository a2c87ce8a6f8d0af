package dev.facerec.twin.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws each recognised face's box and label on the photo and saves it as PNG. Labels stay inside the picture (cut
 * short with an ellipsis when the picture is narrower) and do not overlap ({@link LabelLayout}).
 */
final class AnnotatedImage {

    private static final Color KNOWN = new Color(0x2E, 0xCC, 0x71);
    private static final Color UNKNOWN = new Color(0xE7, 0x4C, 0x3C);
    private static final int PADDING = 3;

    private AnnotatedImage() {}

    /** A label's text and where it is drawn. */
    record Label(String text, Rectangle box) {}

    static void write(Path photo, List<RecognizedFace> faces, Path output) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage source = ImageIO.read(photo.toFile());
        if (source == null) {
            throw new IOException("cannot decode " + photo + " to annotate it");
        }
        BufferedImage image = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.drawImage(source, 0, 0, null);
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setStroke(new BasicStroke(Math.max(2, image.getWidth() / 300)));
            graphics.setFont(font(image.getWidth(), image.getHeight()));
            List<Label> labels = labels(graphics.getFontMetrics(), image.getWidth(), image.getHeight(), faces);
            for (int i = 0; i < faces.size(); i++) {
                graphics.setColor(color(faces.get(i)));
                graphics.draw(box(faces.get(i), image.getWidth(), image.getHeight()));
            }
            FontMetrics metrics = graphics.getFontMetrics();
            for (int i = 0; i < faces.size(); i++) {
                Rectangle box = labels.get(i).box();
                graphics.setColor(color(faces.get(i)));
                graphics.fill(box);
                graphics.setColor(Color.WHITE);
                graphics.drawString(labels.get(i).text(), box.x + PADDING, box.y + metrics.getAscent());
            }
        } finally {
            graphics.dispose();
        }
        ImageIO.write(image, "png", output.toFile());
    }

    /** The labels as {@link #write} draws them on a picture of this size. */
    static List<Label> labels(int width, int height, List<RecognizedFace> faces) {
        System.setProperty("java.awt.headless", "true");
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            scratch.setFont(font(width, height));
            return labels(scratch.getFontMetrics(), width, height, faces);
        } finally {
            scratch.dispose();
        }
    }

    private static List<Label> labels(FontMetrics metrics, int width, int height, List<RecognizedFace> faces) {
        List<String> texts = new ArrayList<>();
        List<Rectangle> boxes = new ArrayList<>();
        List<Dimension> sizes = new ArrayList<>();
        for (RecognizedFace face : faces) {
            String text = fitted(face.label(), metrics, width - 2 * PADDING);
            texts.add(text);
            boxes.add(box(face, width, height));
            sizes.add(new Dimension(metrics.stringWidth(text) + 2 * PADDING, metrics.getHeight()));
        }
        List<Rectangle> placed = LabelLayout.place(width, height, boxes, sizes);
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            labels.add(new Label(texts.get(i), placed.get(i)));
        }
        return labels;
    }

    /** Bigger on big pictures, never taller than a tenth of the picture (but at least 8 px). */
    private static Font font(int width, int height) {
        int size = Math.max(8, Math.min(Math.max(12, width / 60), height / 10));
        return new Font(Font.SANS_SERIF, Font.BOLD, size);
    }

    private static String fitted(String text, FontMetrics metrics, int room) {
        if (metrics.stringWidth(text) <= room) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > room) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static Rectangle box(RecognizedFace face, int width, int height) {
        return new Rectangle(
                (int) Math.round(face.left() * width),
                (int) Math.round(face.top() * height),
                (int) Math.round(face.width() * width),
                (int) Math.round(face.height() * height));
    }

    private static Color color(RecognizedFace face) {
        return face.personId() == null ? UNKNOWN : KNOWN;
    }
}
