package dev.facerec.twin.cli;

import dev.facerec.twin.TwinState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code up --detach}: runs {@code up} in a background JVM (same class path, passed in {@code CLASSPATH} to keep
 * the command line short), its output in {@code <data>/twin.log}, and returns once that twin wrote its state.
 */
final class Detached {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private Detached() {}

    static int start(Path dataDirectory, List<String> upArguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.awt.headless=true"));
        Optional.ofNullable(System.getProperty("facerec.nodeModules"))
                .ifPresent(modules -> command.add("-Dfacerec.nodeModules=" + modules));
        command.add(TwinCli.class.getName());
        command.add("up");
        upArguments.stream()
                .filter(argument -> !"--detach".equals(argument) && !"up".equals(argument))
                .forEach(command::add);
        Files.createDirectories(dataDirectory);
        Path log = dataDirectory.resolve("twin.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process process = builder.start();
        TwinState state = Progress.await("starting the twin", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the twin stopped while starting: see " + log + "\n" + tail(log));
            }
            return TwinState.read(dataDirectory)
                    .filter(s -> s.pid() == process.pid())
                    .orElse(null);
        });
        System.out.println("twin is up (pid " + state.pid() + "; output in " + log + ")");
        state.endpoints().forEach((name, value) -> System.out.println("  " + name + "=" + value));
        state.outputs().forEach((name, value) -> System.out.println("  " + name + " = " + value));
        return 0;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
