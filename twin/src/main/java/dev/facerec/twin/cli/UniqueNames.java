package dev.facerec.twin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One name per photo of a command line, for its upload key and its annotated picture: the file name, or, for a
 * later photo whose file name was taken ({@code a/party.jpg b/party.jpg}), the file name with {@code -2},
 * {@code -3}, … before its extension, so that no photo overwrites another's result.
 */
final class UniqueNames {

    private UniqueNames() {}

    static List<String> of(List<Path> photos) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (Path photo : photos) {
            String name = photo.getFileName().toString();
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = stem(name) + "-" + n + extension(name);
            }
            names.add(unique);
        }
        return names;
    }

    /** The name without its extension. */
    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }
}
