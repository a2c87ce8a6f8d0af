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
import java.util.function.Predicate;
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
 * build of the app command would rewrite the jars that this very build's test JVMs have open. One piece of this
 * build's output goes along: each function's shrunk classes ({@code target/lambda/} and its {@code lambda.sha256}),
 * which the copy's build reuses only if the shaded jar it builds again from the sources is byte for byte the one they
 * came from (functions/jar-prune's LambdaJar checks the digests of its inputs and of that output). So the test also
 * proves that the shaded jars are reproducible, and the suite runs ProGuard once, in its own build, instead of twice.
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
        List<String> reused = copyShrunkClasses(checkout, root);
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
        // AND every function's shrunk classes were found up to date, not shrunk again
        assertThat(reused).hasSize(6);
        for (String function : reused) {
            assertThat(output).contains("lambda-jar: facerec-" + function + "-0.1.0-SNAPSHOT.jar: up to date");
        }
    }

    /** Copies each function module's target/lambda/ and target/lambda.sha256; answers the modules' names. */
    private static List<String> copyShrunkClasses(Path from, Path to) throws IOException {
        List<String> functions = new ArrayList<>();
        try (Stream<Path> modules = Files.list(from.resolve("functions"))) {
            for (Path module : (Iterable<Path>) modules.sorted()::iterator) {
                Path state = module.resolve("target/lambda.sha256");
                if (Files.isRegularFile(state)) {
                    Path target = to.resolve(from.relativize(module)).resolve("target");
                    copyTree(module.resolve("target/lambda"), target.resolve("lambda"), path -> true);
                    Files.copy(state, target.resolve("lambda.sha256"), StandardCopyOption.COPY_ATTRIBUTES);
                    functions.add(module.getFileName().toString());
                }
            }
        }
        return functions;
    }

    private static void copyTree(Path from, Path to, Predicate<Path> include) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths.filter(include)::iterator) {
                Path copy = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Copies what a clone holds: everything but version control, build output, installed packages and local state. */
    private static void copySources(Path from, Path to) throws IOException {
        copyTree(from, to, path -> !isGenerated(from.relativize(path)));
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
