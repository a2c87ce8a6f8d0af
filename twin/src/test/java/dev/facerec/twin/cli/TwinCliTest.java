package dev.facerec.twin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.engine.analysis.ModelDirectory;
import dev.facerec.twin.sqs.SqsServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
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
        // WHEN
        CommandRun result = run("people", "--data", directory.toString());

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("twin: no twin is running on " + directory + ": start one with 'twin up --data " + directory)
                .contains("or pass --data");
    }

    @Test
    @DisplayName("every command explains itself with --help")
    void help_shouldPrintTheCommandsUsage_forEveryCommand() {
        for (String command :
                List.of("up", "enroll", "recognize", "people", "forget", "demo", "run-schedule", "down")) {
            // WHEN
            CommandRun result = run(command, "--help");

            // THEN
            assertThat(result.exitCode()).as(command).isZero();
            assertThat(result.out())
                    .as(command)
                    .contains("Usage: twin " + command)
                    .contains("--data");
        }
    }

    @Test
    @DisplayName("recognize takes several photos, but --out only with one")
    void recognize_shouldRefuseOut_whenGivenSeveralPhotos() {
        // WHEN
        CommandRun result =
                run("recognize", "a/party.jpg", "b/party.jpg", "--out", "x.png", "--data", directory.toString());

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--out names the picture of one photo");
    }

    @Test
    @DisplayName("--version prints the build's version")
    void version_shouldPrintTheBuildsVersion() {
        // WHEN
        CommandRun result = run("--version");
        CommandRun ofCommand = run("recognize", "--version");

        // THEN
        assertThat(result.exitCode()).isZero();
        assertThat(ofCommand.out()).isEqualTo(result.out());
        assertThat(result.out().trim()).matches("twin \\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    @DisplayName("the twin's data directory (face photos, vectors) is never committed")
    void gitignore_shouldIgnoreTheTwinsDataDirectory() throws Exception {
        // GIVEN the repository's .gitignore
        Path gitignore = Path.of(System.getProperty("user.dir")).getParent().resolve(".gitignore");

        // WHEN / THEN
        assertThat(Files.readAllLines(gitignore)).contains(".twin/");
    }

    @Test
    @DisplayName("fails if no twin runs, for run-schedule too")
    void runSchedule_shouldExitWithAHint_whenNoTwinRuns() {
        // WHEN
        CommandRun result = run("run-schedule", "cleanup", "--data", directory.toString());

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("twin: no twin is running on " + directory + ": start one with 'twin up --data");
    }

    @Test
    @DisplayName("fails if there is no cloud assembly, saying to synthesize")
    void up_shouldExitWithAHint_whenCdkOutIsMissing() {
        // WHEN
        CommandRun result = run(
                "up",
                "--data",
                directory.resolve("data").toString(),
                "--cdk-out",
                directory.resolve("cdk.out").toString());

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("twin: no cloud assembly in " + directory.resolve("cdk.out"))
                .contains("synthesize the app first");
    }

    @Test
    @DisplayName("fails if the face models are missing, saying where it looked, and leaves nothing running")
    void up_shouldExitWithTheModelDirectory_whenTheModelsAreMissing() throws Exception {
        // GIVEN a cloud assembly and a model directory without models
        Path cdkOut = Files.createDirectories(directory.resolve("cdk.out"));
        Files.writeString(cdkOut.resolve("manifest.json"), """
        {"version": "54.0.0", "artifacts": {"Empty": {"type": "aws:cloudformation:stack",
          "properties": {"templateFile": "Empty.template.json"}}}}""");
        Path noModels = Files.createDirectories(directory.resolve("no-models"));
        String before = System.getProperty(ModelDirectory.MODELS_PROPERTY);
        System.setProperty(ModelDirectory.MODELS_PROPERTY, noModels.toString());
        CommandRun result;
        try {
            // WHEN
            result = run("up", "--data", directory.resolve("data").toString(), "--cdk-out", cdkOut.toString());
        } finally {
            if (before == null) {
                System.clearProperty(ModelDirectory.MODELS_PROPERTY);
            } else {
                System.setProperty(ModelDirectory.MODELS_PROPERTY, before);
            }
        }

        // THEN
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("twin: Face models not found in " + noModels.toAbsolutePath());
        assertThat(result.out()).contains("starting Rekognition (face engine)");
        assertThat(directory.resolve("data").resolve("twin.json")).doesNotExist();
        try (SqsServer again = SqsServer.start(directory.resolve("sqs"), 0, "us-east-1", "000000000000")) {
            assertThat(again.endpoint())
                    .as("the services started before the failure were stopped")
                    .isNotNull();
        }
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
        assertThat(faces)
                .containsExactly(
                        new RecognizedFace(0.1, 0.2, 0.3, 0.4, "ann", "Ann", 99.25),
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
        AnnotatedImage.write(
                photo,
                List.of(
                        new RecognizedFace(0.1, 0.5, 0.2, 0.4, "ann", "Ann", 99.0),
                        new RecognizedFace(0.6, 0.5, 0.2, 0.4, null, null, null)),
                output);

        // THEN the left edges of the boxes (x = 40 and x = 240, y = 150) have the boxes' colours
        BufferedImage annotated = ImageIO.read(output.toFile());
        assertThat(annotated.getWidth()).isEqualTo(400);
        assertThat(new Color(annotated.getRGB(40, 150))).isEqualTo(new Color(0x2E, 0xCC, 0x71));
        assertThat(new Color(annotated.getRGB(240, 150))).isEqualTo(new Color(0xE7, 0x4C, 0x3C));
        assertThat(new Color(annotated.getRGB(100, 150))).isEqualTo(Color.WHITE);
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(args);
    }
}
