package dev.facerec.engine.rekognition;

import dev.facerec.engine.analysis.OnnxFaceEngine;
import java.io.IOException;
import java.net.URI;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * One face engine, one running server and a real SDK {@code RekognitionClient} on it (dummy credentials): what a
 * test class shares.
 */
final class ServerFixture implements AutoCloseable {

    final OnnxFaceEngine engine = new OnnxFaceEngine();
    private final UnaryOperator<RekognitionServer.Builder> settings;
    RekognitionServer server;
    final RekognitionClient client;

    private ServerFixture(UnaryOperator<RekognitionServer.Builder> settings, RetryMode retryMode) {
        this.settings = settings;
        this.server = settings.apply(RekognitionServer.builder().engine(engine))
                .build()
                .start();
        this.client = client(server.endpoint(), retryMode);
    }

    /** An SDK client on {@code endpoint} with dummy credentials, as a function would build it. */
    static RekognitionClient client(URI endpoint, RetryMode retryMode) {
        return RekognitionClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(retryMode))
                .build();
    }

    /** A server with the default settings but {@code settings}, and a client with the SDK's default retries. */
    static ServerFixture start(UnaryOperator<RekognitionServer.Builder> settings) {
        return new ServerFixture(settings, RetryMode.defaultRetryMode());
    }

    static ServerFixture start(UnaryOperator<RekognitionServer.Builder> settings, RetryMode retryMode) {
        return new ServerFixture(settings, retryMode);
    }

    /**
     * Stops the server, runs {@code whileStopped}, and starts a new server with the same settings on the same port
     * (so the client stays valid).
     */
    void restart(WhileStopped whileStopped) throws IOException {
        int port = server.port();
        server.stop();
        whileStopped.run();
        server = settings.apply(RekognitionServer.builder().engine(engine))
                .port(port)
                .build()
                .start();
    }

    /** What to do to the data while the server is down. */
    interface WhileStopped {
        void run() throws IOException;
    }

    @Override
    public void close() {
        client.close();
        server.close();
        engine.close();
    }
}
