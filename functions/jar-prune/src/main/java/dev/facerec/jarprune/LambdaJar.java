package dev.facerec.jarprune;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ProGuard;

/**
 * Builds the classes of a function's deployable jar from its shaded jar: ProGuard shrinks it with the shared rules,
 * then {@link JarPrune} removes the model classes nothing left needs (the classes the rules keep stay), into the output
 * directory. The build fails if a remaining class refers to a class of the shaded jar that is no longer there.
 *
 * <p>A build whose inputs have not changed does nothing: next to the output directory ({@code <out>.sha256}) it keeps
 * a digest of its inputs (the shaded jar's bytes, the rules, the prunable patterns, this step's own code, the ProGuard
 * and Java versions)
 * and one of the output directory's files. The work is skipped only when both match what is there now, so an output
 * changed or damaged since is built again, never reused.
 *
 * <p>Usage: {@code LambdaJar <shaded.jar> <rules.pro> <out-directory> <prunable-regex>...}; ProGuard's own jar is
 * written to {@code <out-directory>-shrunk.jar}.
 */
public final class LambdaJar {

    private LambdaJar() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LambdaJar <shaded.jar> <rules.pro> <out-directory> <prunable-regex>...");
            System.exit(2);
        }
        List<Pattern> prunable = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            prunable.add(Pattern.compile(args[i]));
        }
        Path shaded = Path.of(args[0]);
        String outcome = build(shaded, Path.of(args[1]), Path.of(args[2]), prunable);
        System.out.println("lambda-jar: " + shaded.getFileName() + ": " + outcome);
    }

    /** Builds {@code out} and says what it did (up to date, or the pruning's figures). */
    public static String build(Path shaded, Path rules, Path out, List<Pattern> prunable) throws Exception {
        Path state = out.resolveSibling(out.getFileName() + ".sha256");
        String inputs = inputsDigest(shaded, rules, prunable);
        if (recorded(state).equals(stateLine(inputs, treeDigest(out)))) {
            return "up to date";
        }
        Files.deleteIfExists(state);
        Path shrunk = out.resolveSibling(out.getFileName() + "-shrunk.jar");
        Path seeds = out.resolveSibling(out.getFileName() + "-seeds.txt");
        Files.deleteIfExists(shrunk);
        shrink(shaded, rules, shrunk, seeds);
        JarPrune.Result result = new JarPrune(prunable).prune(shrunk, out, keptClasses(seeds));
        List<String> dangling = DanglingReferences.find(shaded, out);
        if (!dangling.isEmpty()) {
            throw new IllegalStateException("the shrunk classes refer to classes of " + shaded.getFileName()
                    + " that are no longer there (" + dangling.size() + "), for example "
                    + dangling.subList(0, Math.min(5, dangling.size())));
        }
        Files.writeString(state, stateLine(inputs, treeDigest(out)));
        return String.format(
                "%d classes after ProGuard, %d prunable, %d removed",
                result.classes(), result.prunable(), result.removed().size());
    }

    /** What the state file says, or nothing if it is absent or unreadable (the output is then built again). */
    private static String recorded(Path state) {
        try {
            return Files.exists(state) ? Files.readString(state) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void shrink(Path shaded, Path rules, Path shrunk, Path seeds) throws Exception {
        String[] arguments = {
            "-injars", shaded.toAbsolutePath() + "(!META-INF/maven/**)",
            "-outjars", shrunk.toAbsolutePath().toString(),
            "-include", rules.toAbsolutePath().toString(),
            "-printseeds", seeds.toAbsolutePath().toString()
        };
        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(arguments, System.getProperties())) {
            parser.parse(configuration);
        }
        new ProGuard(configuration).execute();
    }

    /**
     * The classes ProGuard's keep rules name, from its seeds file: a line per kept class ({@code a.b.C}), and a line
     * per kept member ({@code a.b.C: void m()}), which does not keep its class by itself.
     */
    private static Set<String> keptClasses(Path seeds) throws IOException {
        Set<String> classes = new HashSet<>();
        for (String line : Files.readAllLines(seeds)) {
            String name = line.trim();
            if (!name.isEmpty() && !name.contains(":")) {
                classes.add(name.replace('.', '/'));
            }
        }
        return classes;
    }

    private static String stateLine(String inputs, String output) {
        return "inputs " + inputs + "\noutput " + output + "\n";
    }

    private static String inputsDigest(Path shaded, Path rules, List<Pattern> prunable) throws IOException {
        MessageDigest digest = sha256();
        update(digest, "step " + ownCodeDigest());
        update(digest, "proguard " + ProGuard.getVersion());
        update(digest, "java " + System.getProperty("java.version") + " " + System.getProperty("java.home"));
        prunable.forEach(pattern -> update(digest, "prunable " + pattern.pattern()));
        update(digest, "rules");
        digest.update(Files.readAllBytes(rules));
        update(digest, "shaded");
        try (InputStream in = Files.newInputStream(shaded)) {
            in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A digest of the jar or class directory this class was loaded from: a changed step builds again. */
    private static String ownCodeDigest() throws IOException {
        Path code;
        try {
            code = Path.of(LambdaJar.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate this step's own code", e);
        }
        if (Files.isDirectory(code)) {
            return treeDigest(code);
        }
        MessageDigest digest = sha256();
        digest.update(Files.readAllBytes(code));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A digest of every file under {@code root}: relative paths in order, with their bytes. Empty if absent. */
    static String treeDigest(Path root) throws IOException {
        MessageDigest digest = sha256();
        if (Files.isDirectory(root)) {
            List<Path> files;
            try (Stream<Path> paths = Files.walk(root)) {
                files = paths.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                update(digest, root.relativize(file).toString().replace('\\', '/'));
                byte[] bytes = Files.readAllBytes(file);
                update(digest, Integer.toString(bytes.length));
                digest.update(bytes);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
