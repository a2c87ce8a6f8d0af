package dev.facerec.twin.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The twin's SQS: an embedded ElasticMQ server (Maven Central, {@code org.elasticmq:elasticmq-server_2.13}) bound to
 * the loopback interface. It speaks the SQS query and AWS JSON protocols, so the AWS SDK v2 {@code SqsClient} works
 * unchanged. Queues and messages persist in an H2 database in the data directory, so a restart finds them as they
 * were.
 */
public final class SqsServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqsServer.class.getName());
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static boolean running;

    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final Function0<?> stopper;

    private SqsServer(URI endpoint, String region, String accountId, Function0<?> stopper) {
        this.endpoint = endpoint;
        this.region = region;
        this.accountId = accountId;
        this.stopper = stopper;
    }

    /**
     * Starts the server.
     *
     * @param dataDirectory where queues and messages are kept (created if absent)
     * @param port the TCP port, or 0 for a free one
     * @param region the region queue ARNs carry
     * @param accountId the account queue ARNs carry
     */
    public static SqsServer start(Path dataDirectory, int port, String region, String accountId) {
        int boundPort = port == 0 ? FreePort.find() : port;
        Path directory = createDirectories(dataDirectory);
        claimJvm();
        try {
            String jdbcUrl = jdbcUrl(directory);
            List<String> savedQueues = MessageStore.savedQueueNames(jdbcUrl);
            MessageStore.removeDeadLetteredCopies(jdbcUrl);
            MessageStore.open(jdbcUrl);
            Config config = ConfigFactory.parseString(configuration(directory, boundPort, region, accountId))
                    .withFallback(ConfigFactory.defaultReference(ElasticMQServer.class.getClassLoader()))
                    .resolve();
            Function0<?> stopper = new ElasticMQServer(new ElasticMQServerConfig(config)).start();
            SqsServer server = new SqsServer(URI.create("http://127.0.0.1:" + boundPort), region, accountId, stopper);
            server.awaitRestored(savedQueues);
            return server;
        } catch (RuntimeException e) {
            releaseJvm();
            throw e;
        }
    }

    /** ElasticMQ restores saved queues asynchronously after it starts serving: wait for them. */
    private void awaitRestored(List<String> queueNames) {
        if (queueNames.isEmpty()) {
            return;
        }
        try (SqsClient sqs = SqsClients.create(endpoint, region)) {
            long deadline = System.nanoTime() + RESTORE_TIMEOUT.toNanos();
            while (!sqs.listQueues().queueUrls().stream()
                    .map(SqsServer::queueName)
                    .collect(Collectors.toSet())
                    .containsAll(queueNames)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ElasticMQ did not restore its " + queueNames.size()
                            + " saved queues within " + RESTORE_TIMEOUT.toSeconds() + " s");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for ElasticMQ to restore its queues", e);
        }
    }

    /** The queue name at the end of a queue URL. */
    public static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    /** The endpoint for {@code AWS_ENDPOINT_URL_SQS} and {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The ARN of a queue of this server, as SQS reports it in the {@code QueueArn} attribute. */
    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    @Override
    public void close() {
        try {
            stopWithin(STOP_TIMEOUT);
        } finally {
            releaseJvm();
        }
    }

    /**
     * ElasticMQ's stop waits without a time limit for its HTTP server and actor system to terminate
     * ({@code ElasticMQServer.start}'s stopper); after a restart it was seen to wait over a minute. Every change is
     * already in the H2 database (a twin killed outright finds its messages again), so a stop that takes longer is
     * left to finish on its own thread and the twin goes on stopping.
     */
    private void stopWithin(Duration timeout) {
        Thread stopping = new Thread(stopper::apply, "elasticmq-stop");
        stopping.setDaemon(true);
        stopping.start();
        try {
            stopping.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LOG.log(
                    Level.WARNING,
                    "ElasticMQ did not stop within " + timeout.toSeconds() + " s; its messages are saved, going on");
        }
    }

    private static synchronized void claimJvm() {
        if (running) {
            throw new IllegalStateException("an SQS server is already running in this JVM: stop it first");
        }
        running = true;
    }

    private static synchronized void releaseJvm() {
        MessageStore.close();
        running = false;
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SQS data directory " + directory, e);
        }
    }

    private static String configuration(Path directory, int port, String region, String accountId) {
        String messages = quote(jdbcUrl(directory));
        return String.join(
                "\n",
                "node-address { protocol = http, host = \"127.0.0.1\", port = " + port + ", context-path = \"\" }",
                "rest-sqs { enabled = true, bind-port = " + port
                        + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }",
                "rest-stats { enabled = false }",
                "generate-node-address = false",
                "queues-storage { enabled = false }",
                "messages-storage { enabled = true, uri = " + messages + ", prune-data-on-init = false }",
                "aws { region = " + quote(region) + ", accountId = " + quote(accountId) + " }");
    }

    private static String jdbcUrl(Path directory) {
        return "jdbc:h2:" + directory.resolve("messages");
    }

    private static String quote(String value) {
        return ConfigValueFactory.fromAnyRef(value).render();
    }
}
