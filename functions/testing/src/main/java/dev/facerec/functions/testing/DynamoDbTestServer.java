package dev.facerec.functions.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * DynamoDB Local in memory, in this JVM, on 127.0.0.1 and a free port: conditional writes, transactions, indexes
 * and TTL settings behave as in DynamoDB. {@link #start()} returns once the server listens.
 */
public final class DynamoDbTestServer implements AutoCloseable {

    /** A free port can be taken by someone else before the server binds it: try a few. */
    private static final int BIND_ATTEMPTS = 3;

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbTestServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server. */
    public static DynamoDbTestServer start() {
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
                return new DynamoDbTestServer(server, port);
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("cannot start DynamoDB Local", last);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for DynamoDB Local", e);
        }
    }
}
