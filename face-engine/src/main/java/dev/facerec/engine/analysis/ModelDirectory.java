package dev.facerec.engine.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds the directory holding the face models ({@code fr_detect.onnx}, ...) of the npm package
 * {@code faceplugin-face-recognition-js}. In order:
 * <ol>
 *   <li>system property {@value #MODELS_PROPERTY} (a directory of {@code .onnx} files),</li>
 *   <li>environment variable {@value #MODELS_ENV} (same),</li>
 *   <li>system property {@value #NODE_MODULES_PROPERTY} (a {@code node_modules} directory; the build sets it for
 *       tests),</li>
 *   <li>{@code node_modules/faceplugin-face-recognition-js/model} in the working directory or any parent
 *       (a build of the repository).</li>
 * </ol>
 */
public final class ModelDirectory {

    /** System property naming the model directory. */
    public static final String MODELS_PROPERTY = "facerec.models";
    /** Environment variable naming the model directory. */
    public static final String MODELS_ENV = "FACEREC_MODELS";
    /** System property naming a {@code node_modules} directory. */
    public static final String NODE_MODULES_PROPERTY = "facerec.nodeModules";

    static final String PACKAGE_MODELS = "faceplugin-face-recognition-js/model";
    /** A model every usable directory holds. */
    static final String PROBE = "fr_detect.onnx";

    private ModelDirectory() {}

    /** The model directory found from the system properties, the environment and the working directory. */
    public static Path find() {
        return find(System.getProperties(), System.getenv(), Path.of("").toAbsolutePath());
    }

    static Path find(Properties properties, Map<String, String> env, Path workingDirectory) {
        List<String> looked = new ArrayList<>();
        String explicit = properties.getProperty(MODELS_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return require(Path.of(explicit), "system property " + MODELS_PROPERTY);
        }
        String fromEnv = env.get(MODELS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return require(Path.of(fromEnv), "environment variable " + MODELS_ENV);
        }
        String nodeModules = properties.getProperty(NODE_MODULES_PROPERTY);
        if (nodeModules != null && !nodeModules.isBlank()) {
            Path candidate = Path.of(nodeModules).resolve(PACKAGE_MODELS);
            if (holdsModels(candidate)) {
                return candidate;
            }
            looked.add(candidate + " (from system property " + NODE_MODULES_PROPERTY + ")");
        }
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("node_modules").resolve(PACKAGE_MODELS);
            if (holdsModels(candidate)) {
                return candidate;
            }
            looked.add(candidate.toString());
        }
        throw new IllegalStateException("Face models not found. Looked in: " + String.join(", ", looked)
                + ". Run the build (it installs the npm package faceplugin-face-recognition-js), or set the system property "
                + MODELS_PROPERTY + " or the environment variable " + MODELS_ENV + " to a directory holding " + PROBE
                + " and the other fr_*.onnx models.");
    }

    /** {@code dir} if it holds the models. */
    static Path require(Path dir, String source) {
        if (!holdsModels(dir)) {
            throw new IllegalStateException("Face models not found in " + dir.toAbsolutePath() + " (from " + source
                    + "): no " + PROBE + " there");
        }
        return dir;
    }

    private static boolean holdsModels(Path dir) {
        return Files.isRegularFile(dir.resolve(PROBE));
    }
}
