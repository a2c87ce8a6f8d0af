package dev.facerec.twin.kinesisvideo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.state.StateFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kinesis Video Streams as recorded state: the streams a stack deployed (name, ARN) and each one's image generation
 * configuration, as UpdateImageGenerationConfiguration left it. No media is ingested: {@code twin stream} plays a
 * video into the bucket as image generation would, reading the configuration from here. Kept in one JSON file.
 */
public final class KinesisVideoService {

    private final Path file;
    private final String region;
    private final String accountId;
    private final Map<String, StreamRecord> streams;

    public KinesisVideoService(Path directory, String region, String accountId) {
        this.file = directory.resolve("streams.json");
        this.region = region;
        this.accountId = accountId;
        this.streams = new LinkedHashMap<>(StateFiles.readJson(file, new TypeReference<>() {}, Map.of()));
    }

    /**
     * A deployed stream and its image generation configuration.
     *
     * @param name the stream name
     * @param arn the stream ARN
     * @param imageGeneration the configuration as the API received it, or {@code null}
     */
    public record StreamRecord(String name, String arn, JsonNode imageGeneration) {}

    /** Records a new stream; returns its ARN. */
    public synchronized String createStream(String name) {
        StreamRecord existing = streams.get(name);
        if (existing != null) {
            throw new IllegalArgumentException("a stream named " + name + " already exists");
        }
        String arn = "arn:aws:kinesisvideo:" + region + ":" + accountId + ":stream/" + name + "/"
                + System.currentTimeMillis();
        streams.put(name, new StreamRecord(name, arn, null));
        save();
        return arn;
    }

    public synchronized void deleteStream(String name) {
        if (streams.remove(name) != null) {
            save();
        }
    }

    /** The stream named, or whose ARN is, {@code nameOrArn}. */
    public synchronized Optional<StreamRecord> stream(String nameOrArn) {
        if (nameOrArn == null) {
            return Optional.empty();
        }
        return streams.values().stream()
                .filter(s -> s.name().equals(nameOrArn) || s.arn().equals(nameOrArn))
                .findFirst();
    }

    /**
     * Sets ({@code configuration} an object) or deletes ({@code null}) the stream's image generation configuration.
     *
     * @throws IllegalArgumentException when there is no such stream
     */
    public synchronized void updateImageGeneration(String nameOrArn, JsonNode configuration) {
        StreamRecord stream = stream(nameOrArn)
                .orElseThrow(() -> new IllegalArgumentException("The stream " + nameOrArn + " does not exist"));
        JsonNode kept =
                configuration == null || configuration.isNull() || configuration.isMissingNode() ? null : configuration;
        streams.put(stream.name(), new StreamRecord(stream.name(), stream.arn(), kept));
        save();
    }

    private void save() {
        StateFiles.writeJson(file, streams);
    }
}
