package dev.facerec.twin.eventsources;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Lambda's event source mappings for SQS queues: one file per mapping, and one {@link SqsPoller} per enabled mapping
 * while the twin runs. A twin started again on the same data directory polls again; a mapping whose queue or
 * function is gone is logged and not polled.
 */
public final class EventSourceMappingService implements AutoCloseable {

    private static final Logger LOG = System.getLogger(EventSourceMappingService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final LambdaService lambda;
    private final SqsClient sqs;
    private final String region;
    private final Map<String, EventSourceMapping> mappings = new ConcurrentHashMap<>();
    private final Map<String, SqsPoller> pollers = new ConcurrentHashMap<>();

    /**
     * Starts polling the mappings saved in {@code directory}.
     *
     * @param sqs a client of the twin's SQS server (kept open by the caller)
     */
    public EventSourceMappingService(Path directory, LambdaService lambda, SqsClient sqs, String region) {
        this.directory = directory;
        this.lambda = lambda;
        this.sqs = sqs;
        this.region = region;
        for (EventSourceMapping mapping : load()) {
            mappings.put(mapping.uuid(), mapping);
            try {
                start(mapping);
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "event source mapping " + mapping.uuid() + " of " + mapping.functionName() + " is not polled: "
                                + e.getMessage());
            }
        }
    }

    /**
     * Creates or replaces a mapping and starts polling if it is enabled.
     *
     * @throws IllegalArgumentException when the queue or the function does not exist, or the queue's visibility timeout
     *     is shorter than the function's timeout (as Lambda refuses it)
     */
    public synchronized void put(EventSourceMapping mapping) {
        if (lambda.function(mapping.functionName()).isEmpty()) {
            throw new IllegalArgumentException("Function not found: " + mapping.functionName());
        }
        String queueUrl;
        try {
            queueUrl = sqs.getQueueUrl(b -> b.queueName(mapping.queueName())).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new IllegalArgumentException("the event source queue does not exist: " + mapping.queueArn(), e);
        }
        long visibilityTimeout = Long.parseLong(
                sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .attributes()
                        .get(QueueAttributeName.VISIBILITY_TIMEOUT));
        long functionTimeout =
                lambda.function(mapping.functionName()).orElseThrow().timeout().toSeconds();
        if (visibilityTimeout < functionTimeout) {
            throw new IllegalArgumentException("Queue visibility timeout: " + visibilityTimeout
                    + " seconds is less than Function timeout: " + functionTimeout + " seconds");
        }
        stop(mapping.uuid());
        save(mapping);
        mappings.put(mapping.uuid(), mapping);
        start(mapping);
    }

    /** Deletes a mapping; its poller stops. */
    public synchronized void delete(String uuid) {
        stop(uuid);
        mappings.remove(uuid);
        try {
            Files.deleteIfExists(file(uuid));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove event source mapping " + uuid, e);
        }
    }

    public Optional<EventSourceMapping> mapping(String uuid) {
        return Optional.ofNullable(mappings.get(uuid));
    }

    /** How many invocations the mapping's poller may run at once (0 when it is not polling). */
    public int pollerConcurrency(String uuid) {
        SqsPoller poller = pollers.get(uuid);
        return poller == null ? 0 : poller.workers();
    }

    /** Stops every poller; the mappings stay saved for the next start. */
    @Override
    public synchronized void close() {
        pollers.keySet().forEach(this::stop);
    }

    private void start(EventSourceMapping mapping) {
        if (mapping.enabled()) {
            pollers.put(mapping.uuid(), new SqsPoller(mapping, lambda, sqs, region));
        }
    }

    private void stop(String uuid) {
        SqsPoller poller = pollers.remove(uuid);
        if (poller != null) {
            poller.close();
        }
    }

    private List<EventSourceMapping> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(this::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event source mappings in " + directory, e);
        }
    }

    private EventSourceMapping read(Path file) {
        try {
            return JSON.readValue(file.toFile(), EventSourceMapping.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event source mapping " + file, e);
        }
    }

    private void save(EventSourceMapping mapping) {
        try {
            StateFiles.write(
                    file(mapping.uuid()), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mapping));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save event source mapping " + mapping.uuid(), e);
        }
    }

    private Path file(String uuid) {
        return directory.resolve(uuid + ".json");
    }
}
