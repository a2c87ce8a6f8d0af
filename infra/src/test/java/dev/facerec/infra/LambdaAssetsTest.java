package dev.facerec.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled function jars, extracted from the classpath. */
class LambdaAssetsTest {

    private static final String USER = System.getProperty("user.name").toLowerCase(Locale.ROOT);

    @Test
    void extract_shouldWriteTheBundledJarToAContentAddressedPath() throws Exception {
        // GIVEN
        byte[] bundled;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("dev/facerec/infra/assets/collection-resource.jar")) {
            bundled = in.readAllBytes();
        }

        // WHEN
        Path extracted = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE);

        // THEN
        assertThat(extracted).hasFileName("collection-resource.jar").hasBinaryContent(bundled);
        assertThat(extracted.getParent())
                .hasFileName(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(bundled)));
        assertThat(extracted.getParent().getParent()).hasFileName("facerec-assets-" + USER);
    }

    @Test
    void extract_shouldReplaceAFile_whenItsContentIsNotTheJars(@TempDir Path temp) throws IOException {
        // GIVEN a file of zeros of the jar's size where the jar would be (anyone could write one in a shared place)
        Path first = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE, temp);
        byte[] bundled = Files.readAllBytes(first);
        Files.write(first, new byte[bundled.length]);

        // WHEN
        Path second = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE, temp);

        // THEN the jar is written again
        assertThat(second).isEqualTo(first).hasBinaryContent(bundled);
    }

    @Test
    void extract_shouldUseAPrivateDirectory_whenTheSharedOneIsWritableByOthers(@TempDir Path temp) throws IOException {
        // GIVEN the user's directory exists, but writable by everyone
        Path shared = Files.createDirectory(temp.resolve("facerec-assets-" + USER));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        // WHEN
        Path extracted = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE, temp);

        // THEN another directory, of the user's only, holds the jar
        assertThat(extracted.startsWith(shared)).isFalse();
        Path root = extracted.getParent().getParent();
        assertThat(root.getParent()).isEqualTo(temp);
        assertThat(Files.getPosixFilePermissions(root)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void extract_shouldNotFollowALink_inPlaceOfTheUsersDirectory(@TempDir Path temp) throws IOException {
        // GIVEN a link named like the user's directory, pointing elsewhere
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.createSymbolicLink(temp.resolve("facerec-assets-" + USER), elsewhere);

        // WHEN
        Path extracted = LambdaAssets.extract(LambdaAssets.COLLECTION_RESOURCE, temp);

        // THEN nothing is written through the link
        assertThat(extracted.toRealPath().startsWith(elsewhere.toRealPath())).isFalse();
        try (var entries = Files.list(elsewhere)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void extract_shouldReuseTheFile_whenCalledAgain() throws IOException {
        Path first = LambdaAssets.extract(LambdaAssets.INDEX_FACES);
        long modified = Files.getLastModifiedTime(first).toMillis();

        Path second = LambdaAssets.extract(LambdaAssets.INDEX_FACES);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
    }

    @ParameterizedTest
    @FieldSource("dev.facerec.infra.LambdaAssets#FUNCTIONS")
    @DisplayName("a bundled jar is reproducible: no entry carries the build's time, so its asset hash changes only"
            + " with its contents")
    void bundledJar_shouldCarryNoEntryNewerThanTheBuildsOutputTimestamp(String function) throws IOException {
        // GIVEN the pinned project.build.outputTimestamp; a zip entry's time is local, hence a day's slack
        Instant pinned = Instant.parse(System.getProperty("facerec.outputTimestamp"));
        Instant latest = pinned.plus(Duration.ofDays(1));

        // WHEN
        List<String> newer = new ArrayList<>();
        try (JarFile jar = new JarFile(LambdaAssets.extract(function).toFile())) {
            jar.stream()
                    .filter(entry -> entry.getLastModifiedTime().toInstant().isAfter(latest))
                    .forEach(entry -> newer.add(entry.getName() + " " + entry.getLastModifiedTime()));
        }

        // THEN
        assertThat(newer).as("entries newer than %s", latest).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("dev.facerec.infra.LambdaAssets#FUNCTIONS")
    void bundledJar_shouldHoldItsHandlerAndTheUrlConnectionClientButNoNettyApacheOrJackson(String function)
            throws IOException {
        // GIVEN the function's bundled jar
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(LambdaAssets.extract(function).toFile())) {
            jar.stream().forEach(entry -> entries.add(entry.getName()));
        }

        // THEN it is a self-contained Lambda jar on the small HTTP client, without the heavy libraries
        assertThat(entries)
                .anyMatch(name -> name.startsWith("dev/facerec/functions/") && name.endsWith("Handler.class"))
                .anyMatch(name -> name.startsWith("software/amazon/awssdk/http/urlconnection/"))
                .noneMatch(name -> name.startsWith("io/netty/")
                        || name.startsWith("org/apache/http/")
                        || name.startsWith("software/amazon/awssdk/http/nio/netty/")
                        || name.startsWith("software/amazon/awssdk/http/apache/")
                        || name.startsWith("com/fasterxml/jackson/"));
        // At most 8 MB (decimal) each: ProGuard keeps the methods the handlers reach (functions/lambda-shrink.pro) and
        // JarPrune drops the SDK model classes nothing left refers to. They measure (MB) recognition 7.54 (S3,
        // DynamoDB, Rekognition, SQS and EventBridge), enrolment 7.37, the identity API 6.83, erasure 6.49, sightings
        // 5.99, the collection resource 3.08. What is left of the SDK still works: FunctionJarsTest loads each jar
        // alone and builds its clients; the end-to-end tests run them on the twin.
        assertThat(Files.size(LambdaAssets.extract(function))).isLessThanOrEqualTo(8_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {LambdaAssets.INDEX_FACES, LambdaAssets.RECOGNIZE_FACES})
    @DisplayName("a pipeline jar carries the event classes the runtime deserializes for its handlers: S3 events, and"
            + " SQS events with the partial batch response behind a queue")
    void bundledJar_shouldHoldTheEventClassesOfItsS3AndQueueHandlers(String function) throws IOException {
        List<String> entries = new ArrayList<>();
        try (JarFile jar = new JarFile(LambdaAssets.extract(function).toFile())) {
            jar.stream().forEach(entry -> entries.add(entry.getName()));
        }

        String events = "com/amazonaws/services/lambda/runtime/events/";
        assertThat(entries)
                .contains(
                        events + "S3Event.class",
                        events + "SQSEvent.class",
                        events + "SQSEvent$SQSMessage.class",
                        events + "SQSBatchResponse.class",
                        events + "SQSBatchResponse$BatchItemFailure.class")
                .anyMatch(name -> name.endsWith("QueueHandler.class"));
        // and nothing else of the event library but the identity API's small HTTP API types (shared filters): a jar
        // re-shaded from an earlier build would keep what the shade filters no longer let in
        assertThat(entries)
                .filteredOn(name -> name.startsWith(events) && name.endsWith(".class"))
                .allMatch(name -> name.startsWith(events + "S3Event")
                        || name.startsWith(events + "models/s3/")
                        || name.startsWith(events + "SQSEvent")
                        || name.startsWith(events + "SQSBatchResponse")
                        || name.startsWith(events + "APIGatewayV2HTTP"));
    }

    @Test
    @DisplayName("fails if a function jar is not on the classpath, naming the module to build")
    void extract_shouldFail_whenTheJarIsMissing() {
        assertThatThrownBy(() -> LambdaAssets.extract("no-such-function"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Lambda asset dev/facerec/infra/assets/no-such-function.jar is not on the classpath:"
                        + " build the functions/no-such-function module first"
                        + " (mvn -pl functions/no-such-function install), then facerec-infra, which bundles it");
    }
}
