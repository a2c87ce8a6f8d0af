package dev.facerec.functions.testing;

import dev.facerec.engine.rekognition.FaultInjector;
import dev.facerec.engine.rekognition.RekognitionServer;
import java.net.URI;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The local Rekognition server with the {@link ColorFaceEngine}, in memory, and an SDK client on it that does not
 * retry: for tests that need Rekognition alone (no S3, no table).
 */
public final class LocalRekognition implements AutoCloseable {

    private final ColorFaceEngine engine = new ColorFaceEngine();
    private final RekognitionServer server =
            RekognitionServer.builder().engine(engine).build().start();
    private final RekognitionClient client = TestClients.rekognitionWithoutRetries(server.endpoint());

    private LocalRekognition() {}

    public static LocalRekognition start() {
        return new LocalRekognition();
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** A client without retries: every injected fault reaches the caller. */
    public RekognitionClient client() {
        return client;
    }

    /** The server's faults, call counts and interleavings. */
    public FaultInjector faults() {
        return server.faults();
    }

    @Override
    public void close() {
        client.close();
        server.close();
        engine.close();
    }
}
