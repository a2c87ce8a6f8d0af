package dev.facerec.twin.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.crac.Resource;

/**
 * Builds the test handler jar (handlers {@code fixture.TestHandler}, {@code fixture.BrokenHandler},
 * {@code fixture.CustomResourceHandler}, {@code fixture.EventLogHandler}, {@code fixture.ApiHandler},
 * {@code fixture.QueueHandler}, {@code fixture.SnapStartHandler}): compiles the sources under
 * {@code lambda-fixture/} against aws-lambda-java-core and org.crac and packs the classes at the root of a jar with
 * org.crac's, as a function asset holds them.
 */
public final class HandlerJar {

    private static final List<String> SOURCES = List.of(
            "TestHandler.java",
            "BrokenHandler.java",
            "CustomResourceHandler.java",
            "EventLogHandler.java",
            "ApiHandler.java",
            "QueueHandler.java",
            "SnapStartHandler.java");

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
        String coreJar = jarOf(Context.class).toString();
        Path cracJar = jarOf(Resource.class);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(
                List.of("--release", "17", "-cp", coreJar + File.pathSeparator + cracJar, "-d", classes.toString()));
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
            copyClasses(cracJar, out);
        }
        return jar;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void copyClasses(Path jar, JarOutputStream out) throws IOException {
        try (JarFile in = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) in.stream()::iterator) {
                if (entry.getName().endsWith(".class") && !entry.getName().contains("module-info")) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream classFile = in.getInputStream(entry)) {
                        classFile.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }
}
