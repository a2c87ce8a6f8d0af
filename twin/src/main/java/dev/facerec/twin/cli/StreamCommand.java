package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.camera.FramePlayback;
import dev.facerec.twin.camera.ImageGeneration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stream}: plays a video into the bucket as the camera's Kinesis video stream would have its image
 * generation deliver it (the stream's recorded configuration: destination, sampling interval, size, format).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "stream",
        description = "Play a video (H.264 MP4) or a folder of frames as a camera's stream: frames land in the bucket"
                + " as Kinesis Video Streams image generation delivers them.")
final class StreamCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    DataOption data;

    @Parameters(index = "0", description = "The camera (its stream name).")
    String camera;

    @Parameters(index = "1", description = "An H.264 MP4 video, or a folder of .jpg/.png frames.")
    Path source;

    @Option(names = "--fast", description = "Deliver every frame at once instead of in real time.")
    boolean fast;

    @Option(names = "--start", description = "Producer timestamp of the first frame (ISO-8601); default now.")
    Instant start;

    @Override
    public Integer call() throws Exception {
        TwinState state = RunningTwin.state(data.directory);
        URI endpoint = URI.create(state.endpoints().get("AWS_ENDPOINT_URL_KINESIS_VIDEO"));
        String arn = call(endpoint, "/describeStream")
                .path("StreamInfo")
                .path("StreamARN")
                .asText();
        String accountId = arn.split(":")[4];
        ImageGeneration generation = ImageGeneration.of(
                camera, call(endpoint, "/describeImageGenerationConfiguration").get("ImageGenerationConfiguration"));
        try (RunningTwin twin = RunningTwin.connect(data.directory)) {
            int frames = new FramePlayback(twin.s3(), Clock.systemUTC())
                    .play(
                            generation,
                            accountId,
                            camera,
                            source,
                            start == null ? Instant.now() : start,
                            !fast,
                            delivered -> System.out.println(delivered.key()))
                    .size();
            System.out.println(frames + " frames of " + camera + " delivered to s3://" + generation.bucket() + "/"
                    + generation.path());
        }
        return 0;
    }

    private JsonNode call(URI endpoint, String operation) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(operation))
                .POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("StreamName", camera).toString()))
                .header("Content-Type", "application/json")
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalArgumentException(
                    "camera " + camera + ": " + body.path("message").asText());
        }
        return body;
    }
}
