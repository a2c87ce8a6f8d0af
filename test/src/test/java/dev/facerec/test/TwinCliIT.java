package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.twin.ServiceClients;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.cli.TwinCli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;

/**
 * The twin's command line as a person uses it: {@code twin up} in a process of its own, then {@code demo},
 * {@code people}, {@code forget}, a kill and {@code up} again, and {@code down}.
 */
@TestMethodOrder(OrderAnnotation.class)
class TwinCliIT {

    @TempDir
    static Path directory;

    private static Process up;
    private static final List<String> upOutput = new ArrayList<>();

    @BeforeAll
    static void startTheTwin() throws Exception {
        up = startUp();
    }

    /** Runs {@code twin up} in a process of its own and waits until it has printed its whole banner. */
    private static Process startUp() throws Exception {
        Path cdkOut = AppSynthesizer.sharedAssembly();
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dfacerec.nodeModules=" + System.getProperty("facerec.nodeModules"),
                        TwinCli.class.getName(),
                        "up",
                        "--cdk-out",
                        cdkOut.toString(),
                        "--data",
                        data().toString(),
                        "--fast-retries")
                .redirectErrorStream(true);
        // as twin/bin/twin does: the class path in CLASSPATH keeps the command line short, which ONNX Runtime needs
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        synchronized (upOutput) {
            upOutput.clear();
        }
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            synchronized (upOutput) {
                                upOutput.add(line);
                            }
                            // the banner's last line: the endpoints and outputs come after "twin is up"
                            if (line.startsWith("data in ") && line.contains("stop with")) {
                                ready.complete(true);
                            }
                        }
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                    ready.complete(false);
                },
                "twin-up-output");
        reader.setDaemon(true);
        reader.start();
        assertThat(ready.get(3, TimeUnit.MINUTES))
                .as("twin up printed its banner; output: %s", upOutput)
                .isTrue();
        return process;
    }

    @AfterAll
    static void stopTheTwin() {
        if (up.isAlive()) {
            up.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void up_shouldPrintTheEndpointsAndTheStackOutputs() {
        // THEN
        synchronized (upOutput) {
            assertThat(upOutput)
                    .anyMatch(line -> line.matches("\\s+AWS_ENDPOINT_URL_S3=http://127\\.0\\.0\\.1:\\d+"))
                    .anyMatch(line -> line.matches("\\s+BucketName = facerecognition-.*"))
                    .anyMatch(line -> line.matches("\\s+ApiEndpoint = http://127\\.0\\.0\\.1:\\d+/.+"))
                    .anyMatch(line -> line.startsWith("twin is up in "));
        }
    }

    @Test
    @Order(2)
    void demo_shouldIdentifyEveryoneInTheGroupPhotoAndDrawThem() throws Exception {
        // GIVEN
        Path out = directory.resolve("demo");

        // WHEN
        Result result = run("demo", "--data", data().toString(), "--out", out.toString());

        // THEN
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("5 face(s), all unknown", "person-1.jpg: INDEXED", "person-5.jpg: INDEXED")
                .contains("Person 1 (", "Person 5 (")
                .doesNotContain("unknown  ")
                .containsPattern(
                        "recognising sample6\\.jpg, other people[^\\n]*\\n +[1-9][0-9]* face\\(s\\), 0 identified");
        assertThat(ImageIO.read(out.resolve("demo-annotated.png").toFile()).getWidth())
                .isEqualTo(1920);
    }

    @Test
    @Order(3)
    void peopleAndForget_shouldListThenEraseAPerson_leavingNoTrace() throws Exception {
        // WHEN (the demo recorded the person's consent, enrolled them and recognised them in the group photo)
        Result before = run("people", "--data", data().toString());
        Result forget = run("forget", "demo-person-1", "--data", data().toString());
        Result after = run("people", "--data", data().toString());
        Result verified = run("verify-erasure", "demo-person-1", "--data", data().toString());

        // THEN the person was erased through the identity API, which answered the receipt (naming nobody)
        assertThat(before.output()).contains("demo-person-1  Person 1", "5 people");
        assertThat(forget.exitCode()).as(forget.output()).isZero();
        assertThat(forget.output())
                .contains("demo-person-1 erased: 1 face(s), 1 photo version(s), 1 consent document version(s)")
                .contains("erasure receipt:", "\"subject\" : \"PERSON\"", "\"subjectHash\"");
        assertThat(forget.output().substring(forget.output().indexOf("erasure receipt:")))
                .doesNotContain("demo-person-1");
        assertThat(after.output()).doesNotContain("demo-person-1").contains("4 people");
        // AND the erasure verifier finds nothing of them in any store (consent record and document included)
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("no trace found");
        TwinState state = TwinState.read(data()).orElseThrow();
        try (S3Client s3 = ServiceClients.s3(URI.create(state.endpoints().get("AWS_ENDPOINT_URL_S3")), "us-east-1")) {
            ListObjectVersionsResponse left = s3.listObjectVersions(
                    b -> b.bucket(state.output("BucketName")).prefix("enroll/demo-person-1/"));
            assertThat(left.versions())
                    .as("versions of the forgotten person's photos")
                    .isEmpty();
            assertThat(left.deleteMarkers()).isEmpty();
        }
    }

    @Test
    @Order(4)
    void recognize_shouldPrintEveryFaceAndWriteTheAnnotatedPicture() throws Exception {
        // GIVEN a group photo of people nobody enrolled, and a file that is no photo
        Path photo = GroupPhotos.sample(6);
        Path out = directory.resolve("others-annotated.png");
        Path notAPhoto = Files.writeString(directory.resolve("not-a-photo.jpg"), "not a photo");

        // WHEN
        Result result = run("recognize", photo.toString(), "--out", out.toString(), "--data", data().toString());
        Result rejected = run("recognize", notAPhoto.toString(), "--data", data().toString());

        // THEN
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .containsPattern("sample6\\.jpg: [1-9][0-9]* face\\(s\\)")
                .contains("unknown", "annotated picture: " + out.toAbsolutePath());
        assertThat(ImageIO.read(out.toFile())).isNotNull();
        assertThat(rejected.exitCode()).isEqualTo(2);
        assertThat(rejected.output()).contains("not-a-photo.jpg: REJECTED NOT_AN_IMAGE");
    }

    @Test
    @Order(5)
    void enrollAndRecognize_shouldKeepANonAsciiNameAndPhotosOfTheSameFileName() throws Exception {
        // GIVEN the demo's crop of person 3 under the same file name in two folders
        Path crop = directory.resolve("demo").resolve("person-3.jpg");
        Path a =
                Files.copy(crop, Files.createDirectories(directory.resolve("a")).resolve("party.jpg"));
        Path b =
                Files.copy(crop, Files.createDirectories(directory.resolve("b")).resolve("party.jpg"));

        // WHEN person 3 is enrolled again under a non-ASCII name, and both copies are recognised at once
        Result enroll = run(
                "enroll",
                "zoe",
                crop.toString(),
                "--name",
                "Zoë Ångström",
                "--consent",
                "end-to-end tests",
                "--data",
                data().toString());
        Result people = run("people", "--data", data().toString());
        Result recognize;
        try {
            recognize = run("recognize", a.toString(), b.toString(), "--data", data().toString());
        } finally {
            Files.deleteIfExists(Path.of("party-annotated.png"));
            Files.deleteIfExists(Path.of("party-2-annotated.png"));
        }

        // THEN
        assertThat(enroll.exitCode()).as(enroll.output()).isZero();
        assertThat(people.output()).contains("zoe  Zoë Ångström");
        assertThat(recognize.exitCode()).as(recognize.output()).isZero();
        assertThat(recognize.output()).contains("party-annotated.png", "party-2-annotated.png");
    }

    @Test
    @Order(6)
    void verifyIdentifyAndLiveness_shouldAskTheIdentityApi() throws Exception {
        // GIVEN zoe enrolled from the demo's crop of person 3 (above), and the crop of person 1
        Path zoe = directory.resolve("demo").resolve("person-3.jpg");
        Path someoneElse = directory.resolve("demo").resolve("person-1.jpg");
        Path out = directory.resolve("identified.png");

        // WHEN
        Result same = run("verify", "zoe", zoe.toString(), "--data", data().toString());
        Result other = run("verify", "zoe", someoneElse.toString(), "--data", data().toString());
        Result unknown = run("verify", "nobody-here", zoe.toString(), "--data", data().toString());
        Result identify = run("identify", zoe.toString(), "--out", out.toString(), "--data", data().toString());
        Result live = run("liveness", zoe.toString(), "--as", "zoe", "--data", data().toString());

        // THEN
        assertThat(same.exitCode()).as(same.output()).isZero();
        assertThat(same.output()).contains("person-3.jpg as zoe: verified: similarity");
        assertThat(other.exitCode()).as(other.output()).isEqualTo(1);
        assertThat(other.output()).contains("person-1.jpg as zoe: not verified");
        assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(2);
        assertThat(unknown.output()).contains("404 NOT_ENROLLED");
        assertThat(identify.exitCode()).as(identify.output()).isZero();
        assertThat(identify.output()).contains("person-3.jpg: 1 face(s)", "Zoë Ångström");
        assertThat(ImageIO.read(out.toFile())).isNotNull();
        // a Face Liveness session completed with zoe's photo as its one frame, then verified as her
        assertThat(live.output()).containsPattern("session [0-9a-f-]{36}: SUCCEEDED");
        assertThat(live.exitCode()).as(live.output()).isZero();
        assertThat(live.output()).contains("zoe: verified live");
    }

    @Test
    @Order(6)
    void enroll_shouldSayWhyAPhotoIsRejected() throws Exception {
        // GIVEN
        Path notAPhoto = Files.writeString(directory.resolve("notes.jpg"), "not a photo");

        // WHEN it is enrolled for a person without consent, then for one with consent
        Result withoutConsent = run("enroll", "no-consent", notAPhoto.toString(), "--data", data().toString());
        Result result =
                run("enroll", "someone", notAPhoto.toString(), "--consent", "tests", "--data", data().toString());

        // THEN
        assertThat(withoutConsent.exitCode()).isEqualTo(2);
        assertThat(withoutConsent.output()).contains("notes.jpg: REJECTED NO_CONSENT");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("someone.json: RECORDED", "notes.jpg: REJECTED NOT_AN_IMAGE");
    }

    @Test
    @Order(7)
    void up_shouldFindEverythingAsItWas_whenTheTwinWasKilled() throws Exception {
        // GIVEN
        up.destroyForcibly();
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // WHEN
        up = startUp();

        // THEN
        synchronized (upOutput) {
            assertThat(upOutput)
                    .noneMatch(line -> line.matches("\\s+(CREATE|UPDATE|DELETE|REPLACE) .*"))
                    .anyMatch(line -> line.contains("(UPDATE_COMPLETE)"));
            String sqs = upOutput.stream()
                    .filter(line -> line.trim().startsWith("AWS_ENDPOINT_URL_SQS="))
                    .map(line -> line.trim().substring("AWS_ENDPOINT_URL_SQS=".length()))
                    .findFirst()
                    .orElseThrow();
            assertThat(upOutput)
                    .as("the dead-letter queue's URL names the restarted twin's SQS server")
                    .anyMatch(line -> line.trim().startsWith("DeadLetterQueueUrl = " + sqs + "/"));
        }
        Result people = run("people", "--data", data().toString());
        assertThat(people.output()).contains("demo-person-2  Person 2", "zoe  Zoë Ångström", "5 people");
    }

    @Test
    @Order(8)
    void down_shouldStopTheTwinProcess() throws Exception {
        // WHEN
        Result result = run("down", "--data", data().toString());

        // THEN
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(data().resolve("twin.json")).doesNotExist();
    }

    private static Path data() {
        return directory.resolve("data");
    }

    private record Result(int exitCode, String output) {}

    /** Runs a command in this JVM and returns its exit code and what it printed. */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int exitCode = TwinCli.run(args);
            return new Result(exitCode, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
    }
}
