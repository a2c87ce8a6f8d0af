package dev.facerec.twin.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.s3.ObjectChange;
import dev.facerec.twin.s3.ObjectListener;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * S3 event notifications: the buckets' notification configurations (persisted, one file per bucket), and the
 * dispatcher that turns every object change of the S3 server into S3 event JSON for each matching target: a Lambda
 * function is invoked asynchronously, a queue gets the JSON as one message, as S3 does. Setting a configuration
 * checks its queues first ({@link QueueDestinations}), then sends {@code s3:TestEvent} to its targets.
 */
public final class NotificationService implements ObjectListener {

    private static final Logger LOG = System.getLogger(NotificationService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final LambdaService lambda;
    private final QueueDestinations queues;
    private final String region;
    private final Map<String, BucketTargets> configurations = new ConcurrentHashMap<>();

    public NotificationService(Path directory, LambdaService lambda, QueueDestinations queues, String region) {
        this.directory = directory;
        this.lambda = lambda;
        this.queues = queues;
        this.region = region;
        load();
    }

    /**
     * Replaces a bucket's configuration (as {@code PutBucketNotificationConfiguration}) and sends the test event.
     *
     * @throws IllegalArgumentException when a queue cannot be validated; the old configuration stays
     */
    public void putConfiguration(String bucket, JsonNode configuration) {
        BucketTargets targets = NotificationConfiguration.parse(configuration);
        queues.validate(bucket, targets.queues());
        save(bucket, configuration);
        configurations.put(bucket, targets);
        String testEvent = S3EventMessage.testEvent(bucket);
        targets.lambdas().stream()
                .map(LambdaTarget::functionArn)
                .distinct()
                .forEach(function -> lambda.invokeAsync(function, testEvent.getBytes(StandardCharsets.UTF_8)));
        targets.queues().stream().map(QueueTarget::queueArn).distinct().forEach(queue -> queues.send(queue, testEvent));
    }

    /** Removes a bucket's configuration. */
    public void deleteConfiguration(String bucket) {
        configurations.remove(bucket);
        try {
            Files.deleteIfExists(file(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the notification configuration of " + bucket, e);
        }
    }

    /** The Lambda targets of a bucket's configuration. */
    public List<LambdaTarget> configuration(String bucket) {
        return targets(bucket).lambdas();
    }

    /** Every target of a bucket's configuration. */
    public BucketTargets targets(String bucket) {
        return configurations.getOrDefault(bucket, BucketTargets.NONE);
    }

    @Override
    public void onChange(ObjectChange change) {
        for (NotificationTarget target : targets(change.bucket()).all()) {
            if (target.matches(change.eventName(), change.key())) {
                try {
                    deliver(target, S3EventMessage.of(change, target, region));
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.ERROR,
                            "cannot deliver an S3 event of bucket " + change.bucket() + " to " + target.destinationArn()
                                    + ": " + e.getMessage());
                }
            }
        }
    }

    private void deliver(NotificationTarget target, String event) {
        if (target instanceof QueueTarget queue) {
            queues.send(queue.queueArn(), event);
        } else {
            lambda.invokeAsync(target.destinationArn(), event.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void load() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                String bucket = file.getFileName().toString().replaceFirst("\\.json$", "");
                configurations.put(bucket, NotificationConfiguration.parse(JSON.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the notification configurations in " + directory, e);
        }
    }

    private void save(String bucket, JsonNode configuration) {
        try {
            StateFiles.write(file(bucket), configuration.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the notification configuration of " + bucket, e);
        }
    }

    private Path file(String bucket) {
        return directory.resolve(bucket + ".json");
    }
}
