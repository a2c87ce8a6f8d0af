package dev.facerec.twin.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws each recognised face's box and label on the photo and saves it as PNG. */
final class AnnotatedImage {

    private static final Color KNOWN = new Color(0x2E, 0xCC, 0x71);
    private static final Color UNKNOWN = new Color(0xE7, 0x4C, 0x3C);

    private AnnotatedImage() {}

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
            int stroke = Math.max(2, image.getWidth() / 300);
            graphics.setStroke(new BasicStroke(stroke));
            graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, image.getWidth() / 60)));
            FontMetrics metrics = graphics.getFontMetrics();
            for (RecognizedFace face : faces) {
                int x = (int) Math.round(face.left() * image.getWidth());
                int y = (int) Math.round(face.top() * image.getHeight());
                int w = (int) Math.round(face.width() * image.getWidth());
                int h = (int) Math.round(face.height() * image.getHeight());
                Color color = face.personId() == null ? UNKNOWN : KNOWN;
                graphics.setColor(color);
                graphics.drawRect(x, y, w, h);
                String label = face.label();
                int labelY = Math.max(metrics.getAscent(), y - stroke);
                graphics.fillRect(x, labelY - metrics.getAscent(), metrics.stringWidth(label) + 6, metrics.getHeight());
                graphics.setColor(Color.WHITE);
                graphics.drawString(label, x + 3, labelY);
            }
        } finally {
            graphics.dispose();
        }
        ImageIO.write(image, "png", output.toFile());
    }
}
