package dev.facerec.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the test handler jar: compiles the sources under {@code lambda-fixture/} against aws-lambda-java-core and
 * packs the classes at the root of a jar, as a function asset holds them.
 */
final class HandlerJar {

  private HandlerJar() {
  }

  static Path build(Path workDirectory) throws IOException, URISyntaxException {
    Path sources = workDirectory.resolve("src/fixture");
    Path classes = workDirectory.resolve("classes");
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    for (String name : List.of("TestHandler.java", "BrokenHandler.java")) {
      URL source = HandlerJar.class.getResource("/lambda-fixture/fixture/" + name);
      Files.copy(Path.of(source.toURI()), sources.resolve(name));
    }
    String coreJar = Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int status = compiler.run(null, null, null, "--release", "17", "-cp", coreJar, "-d", classes.toString(),
        sources.resolve("TestHandler.java").toString(), sources.resolve("BrokenHandler.java").toString());
    if (status != 0) {
      throw new IllegalStateException("the fixture handler did not compile");
    }
    Path jar = workDirectory.resolve("asset.fixture.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
