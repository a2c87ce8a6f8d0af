package dev.facerec.twin.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The Runtime Interface Client's native library, unpacked once into the twin's data directory and named to every
 * function JVM with the system property Lambda also sets. Left to itself, each client process unpacks it to the same
 * fixed file ({@code /tmp/.libaws-lambda-jni.so}); processes starting together then load a half-written file and
 * exit with status 255.
 */
final class RuntimeJni {

    /** The system property the client reads the library's path from. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private RuntimeJni() {}

    /** The unpacked library for this machine, in {@code directory}. */
    static synchronized Path unpack(Path directory) {
        String name = "libaws-lambda-jni.linux-" + architecture() + ".so";
        Path target = directory.resolve(name);
        try (InputStream in = RuntimeJni.class.getResourceAsStream("/jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the Lambda runtime interface client has no native library " + name
                        + ": the twin runs functions on Linux x86_64 and aarch64");
            }
            byte[] library = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == library.length) {
                return target;
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, name, ".partial");
            Files.write(partial, library);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the Lambda runtime's native library into " + directory, e);
        }
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
    }
}
