package dev.facerec.test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jcodec.api.awt.AWTSequenceEncoder;

/**
 * Synthetic camera clips, encoded as H.264 MP4 at test time with JCodec (no binary is committed): faces cut from the
 * package's group photos walk across a plain corridor, one frame per sampling interval.
 */
final class CameraClips {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final int FACE_SIZE = 130;

    private CameraClips() {}

    /**
     * A face crossing the frame: its crop, where it starts (x as a ratio of the width, y of the height), and how far
     * it moves per frame (ratio of the width; negative walks left).
     */
    record Walker(byte[] face, double startX, double y, double stepX) {}

    /** An MP4 at {@code framesPerSecond} of {@code frames} frames with the walkers at their places. */
    static Path clip(Path file, int framesPerSecond, int frames, List<Walker> walkers) {
        try {
            AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), framesPerSecond);
            List<BufferedImage> faces =
                    walkers.stream().map(w -> decode(w.face())).toList();
            for (int i = 0; i < frames; i++) {
                BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                g.setColor(new Color(96, 104, 110));
                g.fillRect(0, 0, WIDTH, HEIGHT);
                for (int w = 0; w < walkers.size(); w++) {
                    Walker walker = walkers.get(w);
                    double x = walker.startX() + i * walker.stepX();
                    if (x < -0.2 || x > 1.0) {
                        continue;
                    }
                    g.drawImage(
                            faces.get(w), (int) (x * WIDTH), (int) (walker.y() * HEIGHT), FACE_SIZE, FACE_SIZE, null);
                }
                g.dispose();
                encoder.encodeImage(frame);
            }
            encoder.finish();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the clip " + file, e);
        }
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
