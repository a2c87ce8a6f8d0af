package dev.facerec.twin.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local DynamoDB server: DynamoDB Local 2.6.1 in this JVM, on 127.0.0.1 and a free port, in memory or persisted in
 * a directory ({@code -dbPath}). One database is shared by every access key and region ({@code -sharedDb}), and
 * telemetry is off. {@link #start()} returns once a ListTables call succeeds.
 *
 * <p>DynamoDB Local's own {@code stop()} leaves a background job thread (the streams' shard rollover scheduler, a
 * non-daemon thread that sleeps in a loop) running, which keeps a JVM from exiting. The server is therefore started
 * from a thread of its own thread group, so that every thread it creates belongs to that group, and
 * {@link #stop()} interrupts the group's threads after stopping the server; the job ends on the interrupt.
 */
public final class DynamoDbServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 5;

    private final Path dataDirectory;
    private DynamoDBProxyServer server;
    private ThreadGroup threads;
    private int port;

    private DynamoDbServer(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** A server whose tables vanish when it stops. */
    public static DynamoDbServer inMemory() {
        return new DynamoDbServer(null);
    }

    /** A server that keeps its tables in {@code directory} across restarts. */
    public static DynamoDbServer persistent(Path directory) {
        return new DynamoDbServer(directory);
    }

    /** Starts the server and waits until it answers; returns it for chaining. */
    public synchronized DynamoDbServer start() {
        if (server != null) {
            throw new IllegalStateException("DynamoDB Local is already running on " + endpoint());
        }
        RuntimeException lastFailure = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS && server == null; attempt++) {
            int candidate = freePort();
            ThreadGroup group = new ThreadGroup("dynamodb-local-" + candidate);
            try {
                server = startIn(group, candidate);
                threads = group;
                port = candidate;
            } catch (Exception e) {
                group.interrupt();
                lastFailure = new IllegalStateException("cannot start DynamoDB Local on port " + candidate, e);
            }
        }
        if (server == null) {
            throw lastFailure;
        }
        awaitReady();
        return this;
    }

    /** The endpoint for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_DYNAMODB}. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("DynamoDB Local is not running");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    public synchronized int port() {
        endpoint();
        return port;
    }

    /** Where tables are stored, or {@code null} in memory. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Stops the server and ends the threads it started; a persistent server's tables stay on disk. Does nothing when
     * it is not running.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        } finally {
            server = null;
            threads.interrupt();
            threads = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates and starts the server on a thread of {@code group}, so that the threads it makes join the group. */
    private DynamoDBProxyServer startIn(ThreadGroup group, int candidate) throws Exception {
        DynamoDBProxyServer[] started = new DynamoDBProxyServer[1];
        Exception[] failure = new Exception[1];
        Thread starter = new Thread(
                group,
                () -> {
                    try {
                        started[0] = ServerRunner.createServerFromCommandLineArgs(arguments(candidate));
                        started[0].start();
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                },
                "dynamodb-local-start");
        starter.start();
        starter.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return started[0];
    }

    private String[] arguments(int candidate) {
        List<String> args =
                new ArrayList<>(List.of("-port", Integer.toString(candidate), "-sharedDb", "-disableTelemetry"));
        if (dataDirectory == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the DynamoDB data directory " + dataDirectory, e);
            }
            args.add("-dbPath");
            args.add(dataDirectory.toAbsolutePath().toString());
        }
        return args.toArray(String[]::new);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            while (true) {
                try {
                    client.listTables();
                    return;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        stop();
                        throw new IllegalStateException("DynamoDB Local did not answer within " + READY_TIMEOUT, e);
                    }
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for DynamoDB Local", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for DynamoDB Local", e);
        }
    }
}
