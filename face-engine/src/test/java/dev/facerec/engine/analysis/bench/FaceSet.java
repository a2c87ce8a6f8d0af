package dev.facerec.engine.analysis.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared evaluation photos ({@code ../shared/faces}, see its README): read at run time, never copied into the
 * repository. Rows come from {@code manifest.tsv} and {@code deepface/identities.tsv}.
 */
public final class FaceSet {

    /** System property overriding where the photos are. */
    public static final String PROPERTY = "facerec.faces";

    /** One photo and what the manifest says about it. */
    public record Photo(Path file, String name, String kind, String identity, String sha256, String note) {

        /** The {@code faces=N} count of the note, if any. */
        public Optional<Integer> expectedFaces() {
            Matcher m = Pattern.compile("faces=(\\d+)").matcher(note);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        }
    }

    private final Path root;
    private final List<Photo> photos;

    private FaceSet(Path root, List<Photo> photos) {
        this.root = root;
        this.photos = List.copyOf(photos);
    }

    /** The photos from the system property, or {@code shared/faces} next to the working directory or a parent. */
    public static Optional<FaceSet> locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            return Optional.of(load(Path.of(explicit)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("faces");
            if (Files.isRegularFile(candidate.resolve("manifest.tsv"))) {
                return Optional.of(load(candidate));
            }
        }
        return Optional.empty();
    }

    /** The photos under {@code root}. */
    public static FaceSet load(Path root) {
        List<Photo> photos = new ArrayList<>();
        for (String[] row : rows(root.resolve("manifest.tsv"))) {
            photos.add(new Photo(root.resolve(row[0]), row[0], row[1], row[2], row[7], row.length > 10 ? row[10] : ""));
        }
        for (String[] row : rows(root.resolve("deepface").resolve("identities.tsv"))) {
            photos.add(new Photo(
                    root.resolve("deepface").resolve(row[0]),
                    "deepface/" + row[0],
                    "deepface",
                    row[1],
                    "deepface/" + row[0],
                    ""));
        }
        return new FaceSet(root, photos);
    }

    private static List<String[]> rows(Path tsv) {
        try {
            List<String> lines = Files.readAllLines(tsv);
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The photos of one kind: {@code identity}, {@code deepface}, {@code group}, {@code negative}, {@code hard}. */
    public List<Photo> ofKind(String kind) {
        return photos.stream().filter(p -> p.kind().equals(kind)).toList();
    }
}
