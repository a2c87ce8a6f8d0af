package dev.facerec.twin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.engine.analysis.AnalysisOptions;
import dev.facerec.engine.analysis.AnalyzedImage;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.ModelDirectory;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Labels on annotated pictures stay inside the picture and clear of each other, on crowded and on small ones. */
class AnnotatedImageTest {

    private static OnnxFaceEngine engine;

    @BeforeAll
    static void loadEngine() {
        engine = new OnnxFaceEngine(ModelDirectory.find());
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void labels_shouldStayInsideThePictureAndApart_whenAGroupPhotoIsCrowded(int sample) throws Exception {
        // GIVEN the faces the engine finds in a face-api group photo, each with a long label
        byte[] photo = Files.readAllBytes(SamplePhotos.group(sample));
        AnalyzedImage analyzed = engine.analyze(photo, AnalysisOptions.DETECT);
        List<RecognizedFace> faces = labelled(analyzed.faces());

        // WHEN the labels are laid out
        List<AnnotatedImage.Label> labels = AnnotatedImage.labels(analyzed.width(), analyzed.height(), faces);

        // THEN
        assertThat(faces).hasSizeGreaterThanOrEqualTo(3);
        assertInsideAndApart(labels, analyzed.width(), analyzed.height());
    }

    @Test
    void labels_shouldStayInsideThePictureAndApart_whenThePictureIsASmallCrop() throws Exception {
        // GIVEN the first face of a group photo cut out with a margin and shrunk to 100 px wide, and the faces the
        // engine finds in that small crop
        BufferedImage group = ImageIO.read(SamplePhotos.group(1).toFile());
        DetectedFace.Box first = engine.analyze(Files.readAllBytes(SamplePhotos.group(1)), AnalysisOptions.DETECT)
                .faces()
                .get(0)
                .box();
        BufferedImage face = Crops.around(group, first.left(), first.top(), first.width(), first.height(), 0.4);
        int width = 100;
        int height = Math.max(1, face.getHeight() * width / face.getWidth());
        BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(face, 0, 0, width, height, null);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(crop, "jpg", jpeg);
        AnalyzedImage analyzed = engine.analyze(jpeg.toByteArray(), AnalysisOptions.DETECT);
        List<RecognizedFace> faces = labelled(analyzed.faces());

        // WHEN
        List<AnnotatedImage.Label> labels = AnnotatedImage.labels(width, height, faces);

        // THEN each label fits, cut short where needed
        assertThat(faces).isNotEmpty();
        assertInsideAndApart(labels, width, height);
        assertThat(labels).allMatch(label -> label.text().endsWith("…"));
    }

    private static List<RecognizedFace> labelled(List<DetectedFace> detected) {
        List<RecognizedFace> faces = new ArrayList<>();
        for (int i = 0; i < detected.size(); i++) {
            DetectedFace.Box box = detected.get(i).box();
            faces.add(new RecognizedFace(
                    box.left(),
                    box.top(),
                    box.width(),
                    box.height(),
                    i % 3 == 2 ? null : "person-" + i,
                    "Zoë Ångström-Lindqvist " + i,
                    99.5));
        }
        return faces;
    }

    private static void assertInsideAndApart(List<AnnotatedImage.Label> labels, int width, int height) {
        Rectangle picture = new Rectangle(0, 0, width, height);
        for (int i = 0; i < labels.size(); i++) {
            Rectangle box = labels.get(i).box();
            assertThat(picture.contains(box))
                    .as("label %d %s inside %s", i, box, picture)
                    .isTrue();
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(box.intersects(labels.get(j).box()))
                        .as(
                                "labels %d %s and %d %s overlap",
                                i, box, j, labels.get(j).box())
                        .isFalse();
            }
        }
    }
}
