package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code verify}: asks the identity API whether a photo shows the person it claims to; exit 0 when verified, 1 when
 * not, 2 when the API refused the request.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "verify",
        description = "Verify that a photo shows an enrolled person (POST /people/{personId}/verify).")
final class VerifyCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The claimed person id.")
    String personId;

    @Parameters(index = "1", description = "The photo (JPEG or PNG).")
    Path photo;

    @Override
    public Integer call() throws Exception {
        JsonNode answer =
                IdentityApiCall.post(RunningTwin.state(data.directory), "/people/" + personId + "/verify", photo);
        if (answer == null) {
            return 2;
        }
        boolean verified = answer.path("verified").asBoolean();
        StringBuilder line = new StringBuilder(verified ? "verified" : "not verified");
        if (answer.has("similarity")) {
            line.append(String.format(
                    Locale.ROOT,
                    ": similarity %.1f, threshold %.1f",
                    answer.path("similarity").asDouble(),
                    answer.path("threshold").asDouble()));
        }
        if (answer.hasNonNull("reason")) {
            line.append(" (").append(answer.path("reason").asText()).append(')');
        }
        if (answer.path("otherPersonScoredHigher").asBoolean()) {
            line.append(" — another enrolled person scored higher");
        }
        System.out.println(photo.getFileName() + " as " + personId + ": " + line);
        return verified ? 0 : 1;
    }
}
