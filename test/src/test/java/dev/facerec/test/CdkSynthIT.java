package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.app.FaceRecognitionApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code npx cdk synth} as a user runs it in a fresh checkout: the pinned CLI runs the app command of {@code cdk.json},
 * which packages the infra module (and the function jars) with Maven and runs the app. Offline and without
 * credentials, into the default {@code cdk.out/} (as {@code -Psynth} does): nothing in that Maven build may
 * synthesize into the same directory while the CLI holds it.
 *
 * <p>It runs in a copy of the checkout's sources (without build output), never in the checkout itself: the Maven
 * build of the app command would rewrite the jars that this very build's test JVMs have open.
 */
class CdkSynthIT {

    private static final Set<String> NOT_IN_A_CLONE =
            Set.of(".git", "target", "node_modules", "cdk.out", ".facerec", "dist");

    @Test
    void cdkSynth_shouldWriteTheStacksTemplate_whenRunThroughCdkJsonsAppCommand(@TempDir Path logs) throws Exception {
        // GIVEN a fresh copy of the checkout's sources, with the pinned CLI the build installed
        Path checkout = Path.of(System.getProperty("facerec.root"));
        Path root = logs.resolve("checkout");
        copySources(checkout, root);
        Files.createSymbolicLink(root.resolve("node_modules"), checkout.resolve("node_modules"));
        Path cli = root.resolve("node_modules/.bin/cdk");
        Path log = logs.resolve("synth.log");
        Path template = root.resolve("cdk.out").resolve(FaceRecognitionApp.STACK_NAME + ".template.json");
        ProcessBuilder synth = new ProcessBuilder(cli.toString(), "synth", "--quiet")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = synth.environment();
        environment.remove("FACEREC_PREBUILT");
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));

        // WHEN
        long start = System.nanoTime();
        Process process = synth.start();
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        System.out.printf(
                "cdk synth (with the Maven build of cdk.json's app command) in %.1f s%n",
                (System.nanoTime() - start) / 1e9);

        // THEN it succeeds and writes the stack's template with the whole pipeline
        String output = Files.readString(log);
        assertThat(ended).as("cdk synth ended within 5 minutes:%n%s", output).isTrue();
        assertThat(process.exitValue())
                .as("cdk synth's exit code; its output:%n%s", output)
                .isZero();
        List<String> types = new ArrayList<>();
        new ObjectMapper()
                .readTree(template.toFile())
                .path("Resources")
                .forEach(resource -> types.add(resource.path("Type").asText()));
        assertThat(types)
                .contains(
                        "AWS::S3::Bucket",
                        "AWS::DynamoDB::Table",
                        "Custom::FaceCollection",
                        "Custom::S3BucketNotifications",
                        "AWS::SQS::Queue");
        assertThat(types.stream().filter("AWS::Lambda::Function"::equals).count())
                .isGreaterThanOrEqualTo(3);
    }

    /** Copies what a clone holds: everything but version control, build output, installed packages and local state. */
    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths.filter(path -> !isGenerated(from.relativize(path)))::iterator) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean isGenerated(Path relative) {
        for (Path part : relative) {
            if (NOT_IN_A_CLONE.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }
}
