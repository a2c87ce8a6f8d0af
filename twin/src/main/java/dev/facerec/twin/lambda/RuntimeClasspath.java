package dev.facerec.twin.lambda;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The jars of the Lambda Java runtime that a function process runs on, as {@code /var/runtime/lib} holds them in
 * Lambda: the Runtime Interface Client (with its JNI part), {@code aws-lambda-java-core} and
 * {@code aws-lambda-java-serialization}. The function's own code is not on this class path: the client loads it
 * from the working directory, as Lambda does from {@code /var/task}.
 */
final class RuntimeClasspath {

    private static final List<String> RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    /** The Runtime Interface Client's entry point. */
    static final String MAIN_CLASS = RUNTIME_CLASSES.get(0);

    private RuntimeClasspath() {}

    /** The class path, or an error naming the runtime part that is missing or not in a jar of its own. */
    static String locate() {
        Set<Path> jars = new LinkedHashSet<>();
        for (String className : RUNTIME_CLASSES) {
            jars.add(jarOf(className));
        }
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static Path jarOf(String className) {
        Path location = location(className);
        String file = location.getFileName().toString();
        if (!Files.isRegularFile(location) || !(file.startsWith("aws-lambda-java") || file.startsWith("utils-lite"))) {
            throw new IllegalStateException("the Lambda runtime class " + className + " is not in a jar of its own ("
                    + location + "): run the twin from the module's class path, not from a shaded jar");
        }
        return location;
    }

    private static Path location(String className) {
        try {
            CodeSource source = Class.forName(className).getProtectionDomain().getCodeSource();
            if (source == null) {
                throw new IllegalStateException(
                        "cannot tell where the Lambda runtime class " + className + " comes from");
            }
            return Path.of(source.getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(
                    "the Lambda runtime class " + className
                            + " is not on the twin's class path: add com.amazonaws:aws-lambda-java-runtime-interface-client",
                    e);
        }
    }
}
