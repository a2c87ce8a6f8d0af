package dev.facerec.functions.recognize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The group photos the npm package {@code @vladmandic/face-api} ships ({@code demo/sample1.jpg … sample6.jpg}),
 * read at run time from the {@code node_modules} the build installs — never copied into the repository.
 */
final class SamplePhotos {

  private SamplePhotos() {
  }

  /** The bytes of {@code demo/sample<n>.jpg}. */
  static byte[] sample(int n) {
    Path photo = demo().resolve("sample" + n + ".jpg");
    try {
      return Files.readAllBytes(photo);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + photo, e);
    }
  }

  private static Path demo() {
    String configured = System.getProperty("facerec.nodeModules");
    if (configured != null) {
      return Path.of(configured, "@vladmandic", "face-api", "demo");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("node_modules/@vladmandic/face-api/demo");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("node_modules/@vladmandic/face-api is missing: the build installs it with npm "
        + "(mvn validate at the repository root)");
  }
}
