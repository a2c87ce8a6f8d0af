package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code recognize}: uploads a photo, waits for the result, prints who is where and writes an annotated PNG. */
@Command(
        mixinStandardHelpOptions = true,
        name = "recognize",
        description = "Find and identify every face in a photo; writes an annotated PNG.")
final class RecognizeCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The photo (JPEG or PNG).")
    Path photo;

    @Option(names = "--out", description = "The annotated PNG (default: <photo name>-annotated.png here).")
    Path output;

    @Override
    public Integer call() throws Exception {
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            JsonNode result = Uploads.recognize(twin, photo, photo.getFileName().toString());
            if (result == null) {
                return 2;
            }
            Path annotated = output != null
                    ? output
                    : Path.of(photo.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "-annotated.png");
            report(photo, result, annotated);
        }
        return 0;
    }

    /** Prints who is where and writes the annotated picture. */
    static void report(Path photo, JsonNode result, Path annotated) throws IOException {
        List<RecognizedFace> faces = RecognizedFace.of(result);
        System.out.println(photo.getFileName() + ": " + faces.size() + " face(s)");
        for (RecognizedFace face : faces) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-32s box left %.2f top %.2f width %.2f height %.2f%n",
                    face.label(),
                    face.left(),
                    face.top(),
                    face.width(),
                    face.height());
        }
        AnnotatedImage.write(photo, faces, annotated);
        System.out.println("annotated picture: " + annotated.toAbsolutePath());
    }
}
