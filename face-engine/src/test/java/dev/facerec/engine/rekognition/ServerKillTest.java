package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Nothing answered is lost when the server's process is killed (SIGKILL, no shutdown hook) between requests: the
 * server runs in a JVM of its own, as {@code RekognitionServerMain}, and a new server opens its data directory.
 */
class ServerKillTest {

    private static final Pattern ENDPOINT = Pattern.compile("Rekognition endpoint: (http://\\S+)");

    @TempDir
    Path temp;

    @Test
    void restart_shouldKeepEveryAnsweredChange_whenTheServerProcessWasKilled() throws Exception {
        // GIVEN a server process persisting into a data directory
        Path data = temp.resolve("rekognition");
        Process process = startServer(data, temp.resolve("server.log"));
        byte[] group = Photos.sample(4);
        byte[] crop;
        String faceId;
        try (RekognitionClient client =
                ServerFixture.client(awaitEndpoint(process, temp.resolve("server.log")), RetryMode.STANDARD)) {
            // WHEN a collection, a face, a user and their association are made, and the process is killed right after
            FaceDetail first = client.detectFaces(r -> r.image(Photos.image(group)))
                    .faceDetails()
                    .get(0);
            crop = Photos.crop(group, first.boundingBox(), 0.5f);
            client.createCollection(r -> r.collectionId("killed"));
            faceId = client.indexFaces(r ->
                            r.collectionId("killed").image(Photos.image(crop)).externalImageId("crop"))
                    .faceRecords()
                    .get(0)
                    .face()
                    .faceId();
            client.createUser(r -> r.collectionId("killed").userId("survivor"));
            client.associateFaces(
                    r -> r.collectionId("killed").userId("survivor").faceIds(faceId));
        } finally {
            process.destroyForcibly(); // SIGKILL
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // THEN a new server on the same data has everything, and recognises the person
        try (ServerFixture fixture = ServerFixture.start(server -> server.dataDirectory(data))) {
            RekognitionClient client = fixture.client;
            assertThat(client.listFaces(r -> r.collectionId("killed")).faces())
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.faceId()).isEqualTo(faceId);
                        assertThat(f.userId()).isEqualTo("survivor");
                        assertThat(f.externalImageId()).isEqualTo("crop");
                    });
            assertThat(client.searchUsersByImage(r -> r.collectionId("killed").image(Photos.image(crop)))
                            .userMatches())
                    .singleElement()
                    .satisfies(m -> assertThat(m.user().userId()).isEqualTo("survivor"));
        }
    }

    /** {@code RekognitionServerMain} on a free port, its output to {@code log}; the class path goes in CLASSPATH. */
    private static Process startServer(Path data, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-Dfacerec.nodeModules=" + System.getProperty("facerec.nodeModules", ""),
                        RekognitionServerMain.class.getName(),
                        "--data-dir",
                        data.toString(),
                        "--port",
                        "0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        return builder.start();
    }

    private static URI awaitEndpoint(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = ENDPOINT.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not start within 60 s: " + Files.readString(log));
    }
}
