package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.TwinState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code liveness}: a Face Liveness check on the twin. Creates a session through the identity API
 * ({@code POST /liveness/sessions}), completes it with the photos as its frames on the twin's Rekognition (the
 * stand-in for the video selfie that AWS Amplify's FaceLivenessDetector streams: the twin runs no challenge, it scores
 * each frame with a passive liveness model), and prints the session id; with {@code --as}, verifies the session
 * as that person ({@code POST /people/{personId}/verify-live}): exit 0 when verified, 1 when not, 2 on a refusal.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "liveness",
        description = "Run a Face Liveness session with photos as its frames; print the session id"
                + " (and, with --as, verify it as a person).")
final class LivenessCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataOption data;

    @Option(names = "--as", description = "Verify the session as this person (POST /people/{personId}/verify-live).")
    String personId;

    @Parameters(arity = "1..10", description = "The frames: one still or a few photos (JPEG or PNG).")
    List<Path> photos;

    @Override
    public Integer call() throws Exception {
        TwinState state = RunningTwin.state(data.directory);
        JsonNode session = IdentityApiCall.post(state, "/liveness/sessions", "application/json", new byte[0], 201);
        if (session == null) {
            return 2;
        }
        String sessionId = session.path("sessionId").asText();
        ObjectNode frames = JSON.createObjectNode();
        ArrayNode list = frames.putArray("Frames");
        for (Path photo : photos) {
            list.add(Base64.getEncoder().encodeToString(Files.readAllBytes(photo)));
        }
        URI submit = URI.create(state.endpoints().get("AWS_ENDPOINT_URL_REKOGNITION") + "/_facerec/liveness/sessions/"
                + sessionId + "/frames");
        HttpResponse<String> submitted = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(submit)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(frames)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(submitted.body());
        if (submitted.statusCode() != 200) {
            System.err.println("twin: " + result.path("__type").asText() + ": "
                    + result.path("Message").asText());
            return 2;
        }
        System.out.println("session " + sessionId + ": " + result.path("Status").asText());
        if (personId == null) {
            return 0;
        }
        JsonNode answer = IdentityApiCall.post(
                state,
                "/people/" + personId + "/verify-live",
                "application/json",
                JSON.writeValueAsString(JSON.createObjectNode().put("sessionId", sessionId))
                        .getBytes(StandardCharsets.UTF_8),
                200);
        if (answer == null) {
            return 2;
        }
        boolean verified = answer.path("verified").asBoolean();
        System.out.println(personId + ": " + (verified ? "verified live" : "not verified " + answer.path("reasons")));
        return verified ? 0 : 1;
    }
}
