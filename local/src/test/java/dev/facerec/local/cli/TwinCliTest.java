package dev.facerec.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwinCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  @DisplayName("fails if no twin runs, saying how to start one")
  void people_shouldExitWithAHint_whenNoTwinRuns() {
    // GIVEN
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exitCode;
    try {
      // WHEN
      exitCode = TwinCli.run("people", "--data", directory.toString());
    } finally {
      System.setErr(original);
    }

    // THEN
    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("twin: no twin is running on " + directory + ": start one with 'twin up'");
  }

  @Test
  void recognizedFaces_shouldReadIdentitiesAndBoxes_whenGivenAResultDocument() throws Exception {
    // WHEN
    List<RecognizedFace> faces = RecognizedFace.of(JSON.readTree("""
        {"schemaVersion": 1, "faces": [
          {"boundingBox": {"left": 0.1, "top": 0.2, "width": 0.3, "height": 0.4},
           "identity": {"status": "IDENTIFIED", "personId": "ann", "name": "Ann", "similarity": 99.25}},
          {"boundingBox": {"left": 0.5, "top": 0.5, "width": 0.2, "height": 0.2},
           "identity": {"status": "UNKNOWN"}}]}"""));

    // THEN
    assertThat(faces).containsExactly(new RecognizedFace(0.1, 0.2, 0.3, 0.4, "ann", "Ann", 99.25),
        new RecognizedFace(0.5, 0.5, 0.2, 0.2, null, null, null));
    assertThat(faces.get(0).label()).isEqualTo("Ann (99.3%)");
    assertThat(faces.get(1).label()).isEqualTo("unknown");
  }

  @Test
  void annotatedImage_shouldDrawAGreenBoxForAKnownFaceAndARedOneForAnUnknown() throws Exception {
    // GIVEN a white 400 x 200 photo
    Path photo = directory.resolve("photo.png");
    BufferedImage white = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 400, 200);
    ImageIO.write(white, "png", photo.toFile());
    Path output = directory.resolve("annotated.png");

    // WHEN
    AnnotatedImage.write(photo, List.of(new RecognizedFace(0.1, 0.5, 0.2, 0.4, "ann", "Ann", 99.0),
        new RecognizedFace(0.6, 0.5, 0.2, 0.4, null, null, null)), output);

    // THEN the left edges of the boxes (x = 40 and x = 240, y = 150) have the boxes' colours
    BufferedImage annotated = ImageIO.read(output.toFile());
    assertThat(annotated.getWidth()).isEqualTo(400);
    assertThat(new Color(annotated.getRGB(40, 150))).isEqualTo(new Color(0x2E, 0xCC, 0x71));
    assertThat(new Color(annotated.getRGB(240, 150))).isEqualTo(new Color(0xE7, 0x4C, 0x3C));
    assertThat(new Color(annotated.getRGB(100, 150))).isEqualTo(Color.WHITE);
  }
}
