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
 * dispatcher that turns every object change of the S3 server into S3 event JSON for each matching Lambda target,
 * invoked asynchronously as S3 does. Setting a configuration sends {@code s3:TestEvent} to its targets.
 */
public final class NotificationService implements ObjectListener {

    private static final Logger LOG = System.getLogger(NotificationService.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final LambdaService lambda;
    private final String region;
    private final Map<String, List<LambdaTarget>> configurations = new ConcurrentHashMap<>();

    public NotificationService(Path directory, LambdaService lambda, String region) {
        this.directory = directory;
        this.lambda = lambda;
        this.region = region;
        load();
    }

    /** Replaces a bucket's configuration (as {@code PutBucketNotificationConfiguration}) and sends the test event. */
    public void putConfiguration(String bucket, JsonNode configuration) {
        List<LambdaTarget> targets = NotificationConfiguration.parse(configuration);
        save(bucket, configuration);
        configurations.put(bucket, targets);
        byte[] testEvent = S3EventMessage.testEvent(bucket).getBytes(StandardCharsets.UTF_8);
        targets.stream()
                .map(LambdaTarget::functionArn)
                .distinct()
                .forEach(function -> lambda.invokeAsync(function, testEvent));
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

    public List<LambdaTarget> configuration(String bucket) {
        return configurations.getOrDefault(bucket, List.of());
    }

    @Override
    public void onChange(ObjectChange change) {
        for (LambdaTarget target : configuration(change.bucket())) {
            if (target.matches(change.eventName(), change.key())) {
                try {
                    lambda.invokeAsync(
                            target.functionArn(),
                            S3EventMessage.of(change, target, region).getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.ERROR,
                            "cannot deliver an S3 event of bucket " + change.bucket() + " to " + target.functionArn()
                                    + ": " + e.getMessage());
                }
            }
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
