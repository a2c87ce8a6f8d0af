package dev.facerec.twin.sqs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The queue attributes ElasticMQ accepts but does not keep ({@code Policy}, {@code MessageRetentionPeriod},
 * {@code MaximumMessageSize}) and the encryption settings it has no notion of ({@code KmsMasterKeyId},
 * {@code KmsDataKeyReusePeriodSeconds}, {@code SqsManagedSseEnabled}): one JSON file per queue, so that S3 can check
 * a queue's policy as it does before it notifies the queue, and a restarted twin still knows them.
 */
public final class QueueAttributeStore {

    /** The attributes kept here rather than by ElasticMQ. */
    public static final Set<String> NAMES = Set.of(
            "Policy",
            "MessageRetentionPeriod",
            "MaximumMessageSize",
            "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds",
            "SqsManagedSseEnabled");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Path directory;

    public QueueAttributeStore(Path directory) {
        this.directory = directory;
    }

    /** The kept attributes of a queue (empty when none). */
    public synchronized Map<String, String> get(String queueName) {
        Path file = file(queueName);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(file.toFile(), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of queue " + queueName, e);
        }
    }

    /** Sets or, for a {@code null} value, removes attributes of a queue; names not kept here are ignored. */
    public synchronized void put(String queueName, Map<String, String> attributes) {
        TreeMap<String, String> kept = new TreeMap<>(get(queueName));
        attributes.forEach((name, value) -> {
            if (NAMES.contains(name)) {
                if (value == null) {
                    kept.remove(name);
                } else {
                    kept.put(name, value);
                }
            }
        });
        try {
            if (kept.isEmpty()) {
                Files.deleteIfExists(file(queueName));
            } else {
                StateFiles.write(
                        file(queueName), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kept));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the attributes of queue " + queueName, e);
        }
    }

    /** Forgets a deleted queue. */
    public synchronized void delete(String queueName) {
        try {
            Files.deleteIfExists(file(queueName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the attributes of queue " + queueName, e);
        }
    }

    private Path file(String queueName) {
        return directory.resolve(queueName + ".json");
    }
}
