package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boxes of faces cut by the image edge, on faces of {@code @vladmandic/face-api}'s sample1: a face half outside
 * the image gets the box of its visible half, inside the image and no taller than the whole face's.
 */
class VisibleFaceBoxTest {

    /** Side at which each face is drawn into the test images. */
    private static final int FACE = 160;

    private static OnnxFaceEngine engine;
    private static BufferedImage sample;
    private static DetectedFace.Box[] boxes;

    @BeforeAll
    static void loadModels() throws ImageException {
        engine = new OnnxFaceEngine();
        byte[] bytes = TestImages.sample(1);
        sample = TestImages.decode(bytes);
        boxes = engine.analyze(bytes, AnalysisOptions.DETECT).faces().stream()
                .map(DetectedFace::box)
                .sorted(Comparator.comparingDouble(DetectedFace.Box::left))
                .toArray(DetectedFace.Box[]::new);
    }

    @AfterAll
    static void closeModels() {
        engine.close();
    }

    /**
     * A canvas of {@code width} × {@code height} (mid grey) with, for each placement {face, x, y, percent},
     * sample1's {@code face}-th face (from the left), grown by half its size each side and scaled so that the face
     * box is {@code percent} % of {@link #FACE} pixels high, placed with the face box's top-left corner at (x, y);
     * parts beyond the canvas are cut off.
     */
    private static BufferedImage canvas(int width, int height, int[][] placements) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (int[] p : placements) {
            DetectedFace.Box b = boxes[p[0]];
            BufferedImage crop = TestImages.crop(sample, b, 0.5f);
            double scale = FACE * p[3] / 100.0 / (b.height() * sample.getHeight());
            int cropW = (int) Math.round(crop.getWidth() * scale);
            int cropH = (int) Math.round(crop.getHeight() * scale);
            g.drawImage(
                    crop,
                    p[1] - (int) Math.round(b.width() * sample.getWidth() * 0.5 * scale),
                    p[2] - (int) Math.round(b.height() * sample.getHeight() * 0.5 * scale),
                    cropW,
                    cropH,
                    null);
        }
        g.dispose();
        return out;
    }

    private static int faceWidth(int face) {
        return Math.round(FACE * boxes[face].width() * sample.getWidth() / (boxes[face].height() * sample.getHeight()));
    }

    @Test
    void analyze_shouldBoxTheVisiblePart_whenFaceCutByTheEdge() throws ImageException {
        // GIVEN a face whose right half lies beyond the image's right edge
        int width = faceWidth(0);
        BufferedImage image = canvas(400, 400, new int[][] {{0, 400 - width / 2, 120, 100}});

        // WHEN
        AnalyzedImage analyzed = engine.analyze(TestImages.encode(image, "png"), AnalysisOptions.DETECT);

        // THEN the box holds the visible half: inside the image, up to its edge, no taller than the whole face
        assertThat(analyzed.faces()).hasSize(1);
        DetectedFace.Box box = analyzed.faces().get(0).box();
        assertThat(box.left()).isGreaterThan(0.5f);
        assertThat(box.left() + box.width()).isBetween(0.97f, 1f);
        assertThat(box.width() * 400).isLessThan(0.6f * width);
        assertThat(box.top()).isGreaterThanOrEqualTo(0f);
        assertThat(box.height() * 400).isLessThan(1.05f * FACE);
    }

    @Test
    void analyze_shouldTakeTheWholeFaceAsLargest_whenAHalfFaceIsCutByTheEdge() throws ImageException {
        // GIVEN sample1's first face whole in the middle, its second face 1.4 times as high but more than half beyond
        // the right edge (engine 1.1 boxed that half face past the edge: 0.207 x 0.511 of the image, larger than the
        // whole face's 0.214 x 0.456)
        BufferedImage image = canvas(480, 360, new int[][] {
            {0, 240 - faceWidth(0) / 2, 100, 100}, {1, 480 - faceWidth(1) * 6 / 10, 80, 140}
        });
        float[] whole = engine.analyze(
                        TestImages.encode(TestImages.crop(sample, boxes[0], 0.5f), "png"), AnalysisOptions.EMBED)
                .faces()
                .get(0)
                .embedding();

        // WHEN only the largest face is embedded, as for a CompareFaces source
        AnalyzedImage analyzed =
                engine.analyze(TestImages.encode(image, "png"), new AnalysisOptions(false, true, 100, 1));

        // THEN both faces are found, and the embedded face, the largest, is the whole one
        assertThat(analyzed.faces()).hasSize(2);
        DetectedFace largest = analyzed.faces().stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()))
                .orElseThrow();
        assertThat(largest.embedding()).isNotNull();
        assertThat(largest.box().left() + largest.box().width()).isLessThan(0.8f);
        assertThat(SimilarityScale.cosine(largest.embedding(), whole)).isGreaterThan(0.8f);
    }
}
