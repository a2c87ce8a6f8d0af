package dev.facerec.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identity photos of 1–3 megapixels from the shared evaluation set ({@code ../shared/faces}, read at run time, never
 * copied; {@code -Dfacerec.faces=DIR} elsewhere): the people with at least two such photos, each person's photos in
 * manifest order. Sizes come from the manifest's width and height columns.
 */
final class TypicalProbes {

    private static final long MIN_PIXELS = 1_000_000;
    private static final long MAX_PIXELS = 3_000_000;

    private TypicalProbes() {}

    /** The shared set's folder, when it is there. */
    static Optional<Path> locate() {
        String explicit = System.getProperty("facerec.faces");
        if (explicit != null) {
            return Optional.of(Path.of(explicit));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("faces");
            if (Files.isRegularFile(candidate.resolve("manifest.tsv"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Identity → its 1–3 MP photos, for the identities with at least two of them. */
    static Map<String, List<Path>> byIdentity(Path root) {
        Map<String, List<Path>> photos = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(root.resolve("manifest.tsv"))) {
                String[] row = line.split("\t", -1);
                if (row.length < 10 || !"identity".equals(row[1]) || !row[9].matches("\\d+")) {
                    continue;
                }
                long pixels = Long.parseLong(row[8]) * Long.parseLong(row[9]);
                if (pixels >= MIN_PIXELS && pixels <= MAX_PIXELS) {
                    photos.computeIfAbsent(row[2], identity -> new ArrayList<>())
                            .add(root.resolve(row[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root.resolve("manifest.tsv"), e);
        }
        photos.values().removeIf(list -> list.size() < 2);
        return photos;
    }
}
