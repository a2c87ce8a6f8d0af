package dev.facerec.functions.collection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.twin.kinesisvideo.KinesisVideoServer;
import dev.facerec.twin.kinesisvideo.KinesisVideoService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * The image generation custom resource end to end: the real SDK Kinesis Video client against the twin's Kinesis
 * Video Streams server (its REST-JSON wire protocol, the configuration it records), and a real HTTP PUT of the
 * answer to a local server playing CloudFormation's pre-signed URL.
 */
class ImageGenerationResourceHandlerTest {

    @TempDir
    static Path directory;

    private static KinesisVideoService streams;
    private static KinesisVideoServer server;
    private static KinesisVideoClient client;
    private static ResponseUrlServer cloudFormation;
    private static ImageGenerationResourceHandler handler;

    @BeforeAll
    static void startServers() throws IOException {
        streams = new KinesisVideoService(directory, "us-east-1", "000000000000");
        server = KinesisVideoServer.start(streams);
        client = KinesisVideoClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        cloudFormation = new ResponseUrlServer();
        handler = new ImageGenerationResourceHandler(
                client, new CloudFormationResponder(HttpClient.newHttpClient(), Duration.ofMillis(10)));
        streams.createStream("lobby");
    }

    @AfterAll
    static void stopServers() {
        client.close();
        server.close();
        cloudFormation.close();
    }

    @BeforeEach
    void reset() {
        cloudFormation.reset();
    }

    @Test
    void handleRequest_shouldTurnOnImageGeneration_whenCreate() throws IOException {
        // WHEN
        invoke("image-generation-create", Map.of("stream", "lobby", "uri", "s3://faces-bucket/frames/"));

        // THEN the stream's configuration is what the properties say, and CloudFormation hears the stream name
        JsonNode configuration = configuration("lobby");
        assertThat(configuration.path("Status").asText()).isEqualTo("ENABLED");
        assertThat(configuration.at("/DestinationConfig/Uri").asText()).isEqualTo("s3://faces-bucket/frames/");
        assertThat(configuration.at("/DestinationConfig/DestinationRegion").asText())
                .isEqualTo("us-east-1");
        assertThat(configuration.path("SamplingInterval").asInt()).isEqualTo(500);
        assertThat(configuration.path("ImageSelectorType").asText()).isEqualTo("PRODUCER_TIMESTAMP");
        assertThat(configuration.path("Format").asText()).isEqualTo("JPEG");
        assertThat(configuration.at("/FormatConfig/JPEGQuality").asText()).isEqualTo("80");
        assertThat(configuration.path("WidthPixels").asInt()).isEqualTo(1280);
        assertThat(configuration.path("HeightPixels").asInt()).isEqualTo(720);
        ResponseUrlServer.Delivery answer = onlyAnswer();
        assertThat(answer.field("Status")).isEqualTo("SUCCESS");
        assertThat(answer.field("PhysicalResourceId")).isEqualTo("lobby");
        assertThat(answer.data()).containsExactlyEntriesOf(Map.of("StreamName", "lobby"));
    }

    @Test
    void handleRequest_shouldReplaceTheConfiguration_whenUpdate() throws IOException {
        invoke("image-generation-create", Map.of("stream", "lobby", "uri", "s3://faces-bucket/frames/"));
        cloudFormation.reset();

        // WHEN the sampling interval changes
        invoke(
                "image-generation-update",
                Map.of(
                        "stream",
                        "lobby",
                        "physicalId",
                        "lobby",
                        "uri",
                        "s3://faces-bucket/frames/",
                        "sampling",
                        "1000"));

        // THEN
        assertThat(configuration("lobby").path("SamplingInterval").asInt()).isEqualTo(1000);
        assertThat(onlyAnswer().field("Status")).isEqualTo("SUCCESS");
    }

    @Test
    void handleRequest_shouldRemoveTheConfiguration_whenDelete_andAnswerSuccessForAStreamAlreadyGone()
            throws IOException {
        invoke("image-generation-create", Map.of("stream", "lobby", "uri", "s3://faces-bucket/frames/"));
        cloudFormation.reset();

        // WHEN the resource is deleted, then deleted again after its stream went
        invoke("image-generation-delete", Map.of("stream", "lobby", "physicalId", "lobby"));
        invoke("image-generation-delete", Map.of("stream", "gone", "physicalId", "gone"));

        // THEN the configuration is gone and both deletions succeeded
        assertThat(streams.stream("lobby").orElseThrow().imageGeneration()).isNull();
        assertThat(cloudFormation.deliveries())
                .extracting(d -> d.field("Status"))
                .containsExactly("SUCCESS", "SUCCESS");
    }

    @Test
    void handleRequest_shouldAnswerFailedWithTheReason_whenThePropertiesAreIncompleteOrTheStreamIsUnknown()
            throws IOException {
        // WHEN a request lacks its destination, and another names a stream that does not exist
        invoke("image-generation-create", Map.of("stream", "lobby", "uri", ""));
        invoke("image-generation-create", Map.of("stream", "nowhere", "uri", "s3://faces-bucket/frames/"));

        // THEN both fail, each with a reason CloudFormation shows, and nothing was configured
        assertThat(cloudFormation.deliveries()).hasSize(2).allSatisfy(d -> {
            assertThat(d.field("Status")).isEqualTo("FAILED");
            assertThat(d.field("PhysicalResourceId")).startsWith("failed-");
        });
        assertThat(cloudFormation.deliveries().get(0).field("Reason")).contains("DestinationUri is required");
        assertThat(cloudFormation.deliveries().get(1).field("Reason"))
                .contains("refused the image generation configuration of nowhere")
                .contains("ResourceNotFoundException");
    }

    private static JsonNode configuration(String stream) {
        return streams.stream(stream).orElseThrow().imageGeneration();
    }

    private static void invoke(String fixture, Map<String, String> values) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("sampling", "500"));
        all.putAll(values);
        handler.handleRequest(
                CustomResourceCalls.stream(CustomResourceCalls.event(fixture, all, cloudFormation.url())),
                new ByteArrayOutputStream(),
                new TestContext(CustomResourceCalls.PLENTY_OF_TIME));
    }

    private static ResponseUrlServer.Delivery onlyAnswer() {
        assertThat(cloudFormation.deliveries()).hasSize(1);
        return cloudFormation.deliveries().get(0);
    }
}
