package dev.facerec.twin.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The group photos the npm package {@code @vladmandic/face-api} ships ({@code demo/sample<n>.jpg}), found in the
 * build's {@code node_modules}: the system property {@code facerec.nodeModules}, the environment variable
 * {@code FACEREC_NODE_MODULES}, or {@code node_modules} in the working directory or a parent of it.
 */
final class SamplePhotos {

    private SamplePhotos() {}

    static Path group(int n) {
        Path relative = Path.of("@vladmandic", "face-api", "demo", "sample" + n + ".jpg");
        for (String configured :
                new String[] {System.getProperty("facerec.nodeModules"), System.getenv("FACEREC_NODE_MODULES")}) {
            if (configured != null && Files.isRegularFile(Path.of(configured).resolve(relative))) {
                return Path.of(configured).resolve(relative);
            }
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("node_modules").resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find node_modules/" + relative + ": run the build (it installs the "
                + "npm packages) or pass --photo");
    }
}
