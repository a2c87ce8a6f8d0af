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

    @Parameters(arity = "1..*", description = "The photos (JPEG or PNG).")
    List<Path> photos;

    @Option(
            names = "--out",
            description = "The annotated PNG of a single photo (default: <photo name>-annotated.png here; photos"
                    + " with the same file name get -2, -3, ...).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (output != null && photos.size() > 1) {
            throw new IllegalArgumentException("--out names the picture of one photo; leave it out for several");
        }
        List<String> names = UniqueNames.of(photos);
        int exitCode = 0;
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            for (int i = 0; i < photos.size(); i++) {
                JsonNode result = Uploads.recognize(twin, photos.get(i), names.get(i));
                if (result == null) {
                    exitCode = 2;
                    continue;
                }
                Path annotated = output != null ? output : Path.of(UniqueNames.stem(names.get(i)) + "-annotated.png");
                report(photos.get(i), result, annotated);
            }
        }
        return exitCode;
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
