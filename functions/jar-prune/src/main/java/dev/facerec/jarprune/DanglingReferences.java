package dev.facerec.jarprune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The references that shrinking broke: a class in the output refers to a class that the shaded jar held and the output
 * no longer does. References to classes the shaded jar never held (the JDK's, or the SDK's optional dependencies that
 * are absent on purpose) are not broken by shrinking, and not reported.
 */
final class DanglingReferences {

    private DanglingReferences() {}

    /** Each broken reference as {@code from -> to} (internal names), sorted; empty if none. */
    static List<String> find(Path shaded, Path out) throws IOException {
        Set<String> gone = shadedClasses(shaded);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(out)) {
            files = paths.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> remaining = new ArrayList<>();
        for (Path file : files) {
            String className =
                    JarPrune.className(out.relativize(file).toString().replace('\\', '/'));
            if (className != null) {
                gone.remove(className);
                remaining.add(className);
            }
        }
        List<String> dangling = new ArrayList<>();
        for (String className : remaining) {
            for (String needed : ClassReferences.of(Files.readAllBytes(out.resolve(className + ".class")))) {
                if (gone.contains(needed)) {
                    dangling.add(className + " -> " + needed);
                }
            }
        }
        dangling.sort(null);
        return dangling;
    }

    /** The shaded jar's class names, from its central directory (no entry is inflated). */
    private static Set<String> shadedClasses(Path shaded) throws IOException {
        Set<String> classes = new HashSet<>();
        try (ZipFile zip = new ZipFile(shaded.toFile())) {
            zip.stream()
                    .map(entry -> JarPrune.className(entry.getName()))
                    .filter(Objects::nonNull)
                    .forEach(classes::add);
        }
        return classes;
    }
}
