package dev.facerec.twin.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the test handler jar (handlers {@code fixture.TestHandler}, {@code fixture.BrokenHandler},
 * {@code fixture.CustomResourceHandler}, {@code fixture.EventLogHandler}, {@code fixture.QueueHandler}): compiles the
 * sources under {@code lambda-fixture/} against aws-lambda-java-core and packs the classes at the root of a jar, as a
 * function asset holds them.
 */
public final class HandlerJar {

    private static final List<String> SOURCES = List.of(
            "TestHandler.java",
            "BrokenHandler.java",
            "CustomResourceHandler.java",
            "EventLogHandler.java",
            "QueueHandler.java");

    private HandlerJar() {}

    /** Builds {@code workDirectory/asset.fixture.jar} and returns it. */
    public static Path build(Path workDirectory) throws IOException, URISyntaxException {
        Path sources = workDirectory.resolve("src/fixture");
        Path classes = workDirectory.resolve("classes");
        Files.createDirectories(sources);
        Files.createDirectories(classes);
        for (String name : SOURCES) {
            URL source = HandlerJar.class.getResource("/lambda-fixture/fixture/" + name);
            Files.copy(Path.of(source.toURI()), sources.resolve(name));
        }
        String coreJar = Path.of(Context.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-cp", coreJar, "-d", classes.toString()));
        SOURCES.forEach(name -> arguments.add(sources.resolve(name).toString()));
        int status = compiler.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("the fixture handler did not compile");
        }
        Path jar = workDirectory.resolve("asset.fixture.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
