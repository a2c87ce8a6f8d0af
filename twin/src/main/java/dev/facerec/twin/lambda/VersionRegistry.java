package dev.facerec.twin.lambda;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.facerec.twin.state.StateFiles;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The published versions and the aliases of every function, kept in one state file. Version numbers count up per
 * function from 1 and are never reused, also across restarts, as in Lambda. A version runs the function's current
 * code and configuration (the twin keeps no snapshot of each version).
 */
final class VersionRegistry {

    /** What is published of one function. */
    record Published(int lastVersion, Map<String, Boolean> versions, Map<String, String> aliases) {
        Published {
            versions = new TreeMap<>(versions == null ? Map.of() : versions);
            aliases = new TreeMap<>(aliases == null ? Map.of() : aliases);
        }
    }

    private final Path file;
    private final Map<String, Published> functions;

    VersionRegistry(Path file) {
        this.file = file;
        this.functions = new LinkedHashMap<>(
                StateFiles.readJson(file, new TypeReference<Map<String, Published>>() {}, Map.of()));
    }

    synchronized String publish(String function) {
        Published old = functions.getOrDefault(function, new Published(0, null, null));
        int number = old.lastVersion() + 1;
        Map<String, Boolean> versions = new TreeMap<>(old.versions());
        versions.put(String.valueOf(number), true);
        functions.put(function, new Published(number, versions, old.aliases()));
        save();
        return String.valueOf(number);
    }

    synchronized void deleteVersion(String function, String version) {
        Published old = functions.get(function);
        if (old != null && old.versions().containsKey(version)) {
            Map<String, Boolean> versions = new TreeMap<>(old.versions());
            versions.remove(version);
            functions.put(function, new Published(old.lastVersion(), versions, old.aliases()));
            save();
        }
    }

    synchronized void putAlias(String function, String alias, String version) {
        if (!"$LATEST".equals(version) && !hasVersion(function, version)) {
            throw new IllegalArgumentException(
                    "function " + function + " has no published version " + version + " for alias " + alias);
        }
        Published old = functions.getOrDefault(function, new Published(0, null, null));
        Map<String, String> aliases = new TreeMap<>(old.aliases());
        aliases.put(alias, version);
        functions.put(function, new Published(old.lastVersion(), old.versions(), aliases));
        save();
    }

    synchronized void deleteAlias(String function, String alias) {
        Published old = functions.get(function);
        if (old != null && old.aliases().containsKey(alias)) {
            Map<String, String> aliases = new TreeMap<>(old.aliases());
            aliases.remove(alias);
            functions.put(function, new Published(old.lastVersion(), old.versions(), aliases));
            save();
        }
    }

    /** Whether the qualifier names a published version or an alias of the function ({@code null}: $LATEST). */
    synchronized boolean exists(FunctionReference reference) {
        if (reference.qualifier() == null) {
            return true;
        }
        Published published = functions.get(reference.name());
        return published != null
                && (published.versions().containsKey(reference.qualifier())
                        || published.aliases().containsKey(reference.qualifier()));
    }

    /**
     * Whether the qualifier names a published version, or an alias of one (not {@code $LATEST}): what SnapStart
     * applies to.
     */
    synchronized boolean isPublishedVersion(FunctionReference reference) {
        if (reference.qualifier() == null) {
            return false;
        }
        Published published = functions.get(reference.name());
        if (published == null) {
            return false;
        }
        String version = published.aliases().getOrDefault(reference.qualifier(), reference.qualifier());
        return published.versions().containsKey(version);
    }

    /** The function's highest published version that still exists, or {@code null}. */
    synchronized String latestVersion(String function) {
        Published published = functions.get(function);
        return published == null
                ? null
                : published.versions().keySet().stream()
                        .max(Comparator.comparingInt(Integer::parseInt))
                        .orElse(null);
    }

    synchronized boolean hasVersion(String function, String version) {
        Published published = functions.get(function);
        return published != null && published.versions().containsKey(version);
    }

    /** Forgets the aliases of a deleted function, keeping its version counter (numbers are never reused). */
    synchronized void forgetFunction(String function) {
        Published old = functions.get(function);
        if (old != null) {
            functions.put(function, new Published(old.lastVersion(), null, null));
            save();
        }
    }

    private void save() {
        StateFiles.writeJson(file, functions);
    }
}
