package dev.facerec.twin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.kinesisvideo.KinesisVideoServer;
import dev.facerec.twin.kinesisvideo.KinesisVideoService;
import dev.facerec.twin.s3.S3Server;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code twin stream} as a person runs it, against the twin's own S3 and Kinesis Video Streams servers (the state
 * file {@code twin up} writes names them): a folder of frames lands in the bucket as image generation delivers
 * it; a missing source, an unknown camera and a camera without image generation are clear errors.
 */
class StreamCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final String BUCKET = "faces-bucket";

    @TempDir
    static Path directory;

    private static S3Server s3Server;
    private static KinesisVideoServer kinesisVideo;
    private static S3Client s3;
    private static Path data;

    @BeforeAll
    static void startTheTwinsServers() {
        s3Server = S3Server.inMemory().start();
        s3 = s3Server.newClient();
        s3.createBucket(b -> b.bucket(BUCKET));
        KinesisVideoService streams = new KinesisVideoService(directory, "us-east-1", ACCOUNT);
        streams.createStream("lobby");
        streams.createStream("dark");
        ObjectNode configuration = JSON.createObjectNode()
                .put("Status", "ENABLED")
                .put("ImageSelectorType", "PRODUCER_TIMESTAMP")
                .put("SamplingInterval", 500)
                .put("Format", "JPEG")
                .put("WidthPixels", 320)
                .put("HeightPixels", 180);
        configuration
                .putObject("DestinationConfig")
                .put("Uri", "s3://" + BUCKET + "/frames/")
                .put("DestinationRegion", "us-east-1");
        configuration.putObject("FormatConfig").put("JPEGQuality", "80");
        streams.updateImageGeneration("lobby", configuration);
        kinesisVideo = KinesisVideoServer.start(streams);
        data = directory.resolve("data");
        new TwinState(
                        ProcessHandle.current().pid(),
                        "us-east-1",
                        Map.of(
                                "AWS_ENDPOINT_URL_S3", s3Server.endpoint().toString(),
                                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9",
                                "AWS_ENDPOINT_URL_KINESIS_VIDEO",
                                        kinesisVideo.endpoint().toString()),
                        "Twin",
                        Map.of("BucketName", BUCKET))
                .write(data);
    }

    @AfterAll
    static void stopTheServers() {
        s3.close();
        kinesisVideo.close();
        s3Server.stop();
    }

    @Test
    void stream_shouldDeliverEveryFrameAsImageGenerationDoes() throws IOException {
        // GIVEN a folder of three 640x360 frames
        Path frames = Files.createDirectories(directory.resolve("frames"));
        for (int i = 0; i < 3; i++) {
            BufferedImage frame = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = frame.createGraphics();
            g.setColor(new Color(40 * i, 90, 120));
            g.fillRect(0, 0, 640, 360);
            g.dispose();
            ImageIO.write(frame, "png", frames.resolve("frame-" + i + ".png").toFile());
        }

        // WHEN
        CommandRun result = CommandRun.run(
                "stream",
                "lobby",
                frames.toString(),
                "--fast",
                "--start",
                "2026-12-07T10:00:00Z",
                "--data",
                data.toString());

        // THEN it prints each key, then a summary
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(lines.get(i))
                    .matches("frames/" + ACCOUNT + "_lobby_" + (1796637600000L + 500L * i)
                            + "_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.jpg");
        }
        assertThat(lines.get(3)).isEqualTo("3 frames of lobby delivered to s3://" + BUCKET + "/frames/");
        // AND the objects are JPEG frames of the configured size, with image generation's metadata
        List<S3Object> objects =
                s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("frames/")).contents();
        assertThat(objects).extracting(S3Object::key).containsExactlyInAnyOrderElementsOf(lines.subList(0, 3));
        ResponseBytes<GetObjectResponse> first =
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(lines.get(0)));
        assertThat(first.response().contentType()).isEqualTo("image/jpeg");
        assertThat(first.response().metadata())
                .containsEntry("aws_kinesisvideo_producer_timestamp", "1796637600000")
                .containsKeys("aws_kinesisvideo_server_timestamp", "aws_kinesisvideo_fragment_number");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(180);
    }

    @Test
    void stream_shouldSayWhatIsWrong_whenTheSourceOrTheCameraIsNot() throws IOException {
        // GIVEN
        Path missing = directory.resolve("no-such-clip.mp4");
        Path corrupt = Files.writeString(directory.resolve("corrupt.mp4"), "not a video");

        // WHEN
        CommandRun noSource =
                CommandRun.run("stream", "lobby", missing.toString(), "--fast", "--data", data.toString());
        CommandRun notAVideo =
                CommandRun.run("stream", "lobby", corrupt.toString(), "--fast", "--data", data.toString());
        CommandRun unknown = CommandRun.run("stream", "nowhere", corrupt.toString(), "--data", data.toString());
        CommandRun unconfigured = CommandRun.run("stream", "dark", corrupt.toString(), "--data", data.toString());
        CommandRun noCamera = CommandRun.run("stream", "--data", data.toString());

        // THEN each exits with 1 or 2 and one line that says why
        assertThat(noSource.exitCode()).isEqualTo(1);
        assertThat(noSource.err()).startsWith("twin: no video file or folder of frames at " + missing);
        assertThat(notAVideo.exitCode()).isEqualTo(1);
        assertThat(notAVideo.err()).startsWith("twin: cannot decode " + corrupt + " as an H.264 MP4 video");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("twin: camera nowhere: The stream nowhere does not exist");
        assertThat(unconfigured.exitCode()).isEqualTo(1);
        assertThat(unconfigured.err()).startsWith("twin: the stream dark has no image generation configuration");
        assertThat(noCamera.exitCode()).isEqualTo(2);
        assertThat(noCamera.err()).contains("Missing required parameters: '<camera>', '<source>'");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("frames/")).contents())
                .allMatch(o -> o.key().contains("_lobby_"));
    }
}
