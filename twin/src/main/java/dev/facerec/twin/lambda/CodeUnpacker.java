package dev.facerec.twin.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lays out a function's asset once as Lambda's {@code /var/task}: a jar is copied into the task root's {@code lib/},
 * where the runtime's class loader reads it (a fat jar's classes then load as if unzipped, without writing its
 * thousands of class files); a zip is unpacked; a directory asset is used as it is. The copy is keyed by the asset's
 * file name (CDK names assets by content hash), size and time.
 */
final class CodeUnpacker {

    private final Path cacheDirectory;

    CodeUnpacker(Path cacheDirectory) {
        this.cacheDirectory = cacheDirectory;
    }

    /** The directory to run the function's code from. */
    Path taskRoot(Path code) {
        if (Files.isDirectory(code)) {
            return code;
        }
        if (!Files.isRegularFile(code)) {
            throw new IllegalArgumentException("the function's code asset does not exist: " + code);
        }
        try {
            Path target = cacheDirectory.resolve(code.getFileName() + "-" + Files.size(code) + "-"
                    + Files.getLastModifiedTime(code).toMillis());
            Path done = target.resolve(".unpacked");
            if (!Files.exists(done)) {
                if (code.getFileName().toString().endsWith(".jar")) {
                    Path lib = Files.createDirectories(target.resolve("lib"));
                    Files.copy(code, lib.resolve(code.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    unzip(code, target);
                }
                Files.createFile(done);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the function's code asset " + code, e);
        }
    }

    private static void unzip(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("the archive entry " + entry.getName() + " points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
