package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code identify}: asks the identity API who is in a photo (synchronously, nothing is stored) and prints it as
 * {@code recognize} does, with the annotated picture.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "identify",
        description = "Identify every face of a photo through the identity API (POST /identify); writes an"
                + " annotated PNG.")
final class IdentifyCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The photo (JPEG or PNG).")
    Path photo;

    @Option(names = "--out", description = "The annotated PNG (default: <photo name>-identified.png here).")
    Path output;

    @Override
    public Integer call() throws Exception {
        JsonNode result = IdentityApiCall.post(RunningTwin.state(data.directory), "/identify", photo);
        if (result == null) {
            return 2;
        }
        Path annotated = output != null
                ? output
                : Path.of(UniqueNames.stem(photo.getFileName().toString()) + "-identified.png");
        RecognizeCommand.report(photo, result, annotated);
        return 0;
    }
}
