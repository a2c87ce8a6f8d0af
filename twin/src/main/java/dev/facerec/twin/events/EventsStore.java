package dev.facerec.twin.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The custom event buses and the rules, one JSON file each ({@code buses/NAME.json},
 * {@code rules/BUS/NAME.json}), written atomically: a twin started again on the directory finds them as they were.
 */
final class EventsStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path buses;
    private final Path rules;

    EventsStore(Path directory) {
        this.buses = directory.resolve("buses");
        this.rules = directory.resolve("rules");
    }

    void saveBus(String name) {
        write(
                buses.resolve(name + ".json"),
                JSON.createObjectNode().put("name", name).toPrettyString());
    }

    void deleteBus(String name) {
        delete(buses.resolve(name + ".json"));
    }

    List<String> loadBuses() {
        return files(buses).stream()
                .map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                .toList();
    }

    void saveRule(EventRule rule) {
        try {
            write(
                    ruleFile(rule.eventBusName(), rule.name()),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rule));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save rule " + rule.name(), e);
        }
    }

    void deleteRule(String busName, String name) {
        delete(ruleFile(busName, name));
    }

    List<EventRule> loadRules() {
        List<EventRule> loaded = new ArrayList<>();
        if (!Files.isDirectory(rules)) {
            return loaded;
        }
        try (Stream<Path> busDirectories = Files.list(rules)) {
            for (Path bus : (Iterable<Path>) busDirectories.sorted()::iterator) {
                for (Path file : files(bus)) {
                    loaded.add(JSON.readValue(file.toFile(), EventRule.class));
                }
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rules in " + rules, e);
        }
    }

    private Path ruleFile(String busName, String name) {
        return rules.resolve(busName).resolve(name + ".json");
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            StateFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }
}
