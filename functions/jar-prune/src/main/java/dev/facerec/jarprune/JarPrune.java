package dev.facerec.jarprune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Removes from a jar the classes of the prunable packages that nothing else in the jar needs, and writes what stays
 * into a directory.
 *
 * <p>A class outside the prunable packages always stays, and so does every class named in a {@code META-INF/services}
 * file, named by the caller (the classes ProGuard's keep rules name), or needed by a class under
 * {@code META-INF/versions/}; a prunable class stays when a class that stays needs it ({@link ClassReferences}). The result is closed: every
 * class a remaining class refers to is either in the jar or outside it to begin with (the JDK), so no code path that
 * was there before can meet a missing class. The classes that stay lose the InnerClasses and NestMembers entries that
 * name removed classes, and their local variable tables; their code is unchanged. Every other file is copied as it is.
 *
 * <p>Each prunable pattern is matched against a class's internal name
 * ({@code software/amazon/awssdk/services/[^/]+/model/.*}). {@link LambdaJar} runs it after ProGuard.
 */
public final class JarPrune {

    private final List<Pattern> prunable;

    public JarPrune(List<Pattern> prunable) {
        this.prunable = List.copyOf(prunable);
    }

    /** What a run did: the number of classes in the jar, how many were prunable, and the ones removed. */
    public record Result(int classes, int prunable, Set<String> removed) {}

    /** Reads {@code jar}, writes what stays under {@code outDirectory}, emptied first. */
    public Result prune(Path jar, Path outDirectory) throws IOException {
        return prune(jar, outDirectory, Set.of());
    }

    /**
     * Reads {@code jar}, writes what stays under {@code outDirectory}, emptied first; the classes named in
     * {@code alsoKept} (internal names: those a ProGuard keep rule names) stay, with what they need.
     */
    public Result prune(Path jar, Path outDirectory, Set<String> alsoKept) throws IOException {
        deleteTree(outDirectory);
        Map<String, byte[]> entries = read(jar);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            String className = className(name);
            if (className != null) {
                classes.put(className, bytes);
            }
        });
        Set<String> roots = new HashSet<>(serviceProviders(entries));
        roots.addAll(alsoKept);
        Set<String> kept = reachable(classes, roots, versionedClasses(entries));
        Set<String> removed = new HashSet<>(classes.keySet());
        removed.removeAll(kept);
        int prunableCount =
                (int) classes.keySet().stream().filter(this::isPrunable).count();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String className = className(entry.getKey());
            if (className != null && removed.contains(className)) {
                continue;
            }
            byte[] bytes = className != null ? rewritten(entry.getValue(), removed) : entry.getValue();
            write(outDirectory, entry.getKey(), bytes);
        }
        return new Result(classes.size(), prunableCount, Set.copyOf(removed));
    }

    /** The internal name of the class a jar entry holds, or null for any other entry (META-INF's included). */
    static String className(String entryName) {
        if (entryName.endsWith(".class") && !entryName.startsWith("META-INF/")) {
            return entryName.substring(0, entryName.length() - ".class".length());
        }
        return null;
    }

    private boolean isPrunable(String internalName) {
        return prunable.stream()
                .anyMatch(pattern -> pattern.matcher(internalName).matches());
    }

    private Set<String> reachable(Map<String, byte[]> classes, Set<String> roots, List<byte[]> versioned) {
        Set<String> kept = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String name : classes.keySet()) {
            if (!isPrunable(name) || roots.contains(name)) {
                kept.add(name);
                pending.add(name);
            }
        }
        // A multi-release jar's classes for later Java versions stay as they are; what they need stays too.
        versioned.forEach(bytes -> keep(ClassReferences.of(bytes), classes, kept, pending));
        while (!pending.isEmpty()) {
            keep(ClassReferences.of(classes.get(pending.poll())), classes, kept, pending);
        }
        return kept;
    }

    private static void keep(Set<String> needed, Map<String, byte[]> classes, Set<String> kept, Deque<String> pending) {
        for (String name : needed) {
            if (classes.containsKey(name) && kept.add(name)) {
                pending.add(name);
            }
        }
    }

    /** The class files under META-INF/versions/ (a multi-release jar's classes for later Java versions). */
    private static List<byte[]> versionedClasses(Map<String, byte[]> entries) {
        List<byte[]> versioned = new ArrayList<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith("META-INF/versions/") && name.endsWith(".class")) {
                versioned.add(bytes);
            }
        });
        return versioned;
    }

    /** The classes named in META-INF/services files (java.util.ServiceLoader loads them by name). */
    private static Set<String> serviceProviders(Map<String, byte[]> entries) {
        Set<String> providers = new HashSet<>();
        entries.forEach((name, bytes) -> {
            if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    String provider = line.replaceFirst("#.*", "").trim();
                    if (!provider.isEmpty()) {
                        providers.add(provider.replace('.', '/'));
                    }
                }
            }
        });
        return providers;
    }

    /**
     * The class file as it stays: without the InnerClasses and NestMembers entries that name removed classes, and
     * without local variable tables (what a debugger shows of a method's variables; stack traces keep their line
     * numbers). Method code and stack maps are copied as they are.
     */
    private static byte[] rewritten(byte[] bytes, Set<String> removed) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(0);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9, writer) {
                    @Override
                    public void visitInnerClass(String name, String outerName, String innerName, int access) {
                        if (!removed.contains(name)) {
                            super.visitInnerClass(name, outerName, innerName, access);
                        }
                    }

                    @Override
                    public void visitNestMember(String nestMember) {
                        if (!removed.contains(nestMember)) {
                            super.visitNestMember(nestMember);
                        }
                    }

                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new MethodVisitor(
                                Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                            @Override
                            public void visitLocalVariable(
                                    String name,
                                    String descriptor,
                                    String signature,
                                    Label start,
                                    Label end,
                                    int index) {}
                        };
                    }
                },
                0);
        return writer.toByteArray();
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void write(Path outDirectory, String name, byte[] bytes) {
        Path target = outDirectory.resolve(name).normalize();
        if (!target.startsWith(outDirectory.normalize())) {
            throw new IllegalArgumentException("jar entry outside the output directory: " + name);
        }
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
