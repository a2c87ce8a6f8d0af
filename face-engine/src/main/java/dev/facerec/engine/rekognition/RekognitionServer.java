package dev.facerec.engine.rekognition;

import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.analysis.FaceEngine;
import dev.facerec.engine.analysis.OnnxFaceEngine;
import dev.facerec.engine.http.LoopbackHttpServer;
import dev.facerec.engine.store.CollectionStore;
import dev.facerec.engine.store.SearchSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local Amazon Rekognition: an HTTP server on 127.0.0.1 that speaks Rekognition's JSON 1.1 protocol, so that the
 * AWS SDK's {@code RekognitionClient} pointed at {@link #endpoint()} (by {@code endpointOverride} or
 * {@code AWS_ENDPOINT_URL_REKOGNITION}) works unchanged. Faces are found and described by a {@link FaceEngine};
 * collections, faces and users persist in a data directory (or stay in memory).
 *
 * <pre>{@code
 * try (RekognitionServer server = RekognitionServer.builder().dataDirectory(dir).build().start()) {
 *   RekognitionClient client = RekognitionClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * }</pre>
 */
public final class RekognitionServer implements AutoCloseable {

    /** Request threads: twice the cores, at least 4. */
    private static final int REQUEST_THREADS =
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final Builder settings;
    private final FaultInjector faults = new FaultInjector();
    private FaceEngine engine;
    private CollectionStore store;
    private S3Client s3;
    private HttpServer http;
    private ExecutorService executor;
    private LivenessOperations liveness;

    private RekognitionServer(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads the engine (unless given) and the collections, and starts answering. */
    public synchronized RekognitionServer start() {
        if (http != null) {
            return this;
        }
        try {
            engine = settings.engine != null ? settings.engine : new OnnxFaceEngine();
            store = settings.dataDirectory != null
                    ? CollectionStore.open(settings.dataDirectory, settings.search)
                    : CollectionStore.inMemory(settings.search);
            s3 = settings.s3Endpoint == null ? null : s3Client(settings.s3Endpoint);
            ServiceContext context =
                    new ServiceContext(store, engine, new ImageSource(s3), settings.region, settings.accountId);
            Map<String, Operation> operations = new HashMap<>();
            new CollectionOperations(context).registerInto(operations);
            new FaceOperations(context).registerInto(operations);
            new SearchOperations(context).registerInto(operations);
            new DetectionOperations(context).registerInto(operations);
            new UserOperations(context).registerInto(operations);
            new UserSearchOperations(context).registerInto(operations);
            new TagOperations(context).registerInto(operations);
            liveness = new LivenessOperations(context, new LivenessSessions(settings.clock), s3);
            liveness.registerInto(operations);

            http = LoopbackHttpServer.create(settings.port, 64);
            executor = newExecutor(REQUEST_THREADS);
            http.setExecutor(executor);
            http.createContext("/", new RekognitionHttpHandler(operations, faults, liveness));
            http.start();
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start the Rekognition server", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The URL to point a {@code RekognitionClient} at, e.g. {@code http://127.0.0.1:43123}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        if (http == null) {
            throw new IllegalStateException("the server is not started");
        }
        return http.getAddress().getPort();
    }

    /** Makes the next calls of an operation fail; see {@link FaultInjector}. */
    public FaultInjector faults() {
        return faults;
    }

    /**
     * Completes a Face Liveness session with one still or a few frames (JPEG or PNG), as the browser component's
     * video selfie would on AWS; answers the JSON of GetFaceLivenessSessionResults. Over HTTP:
     * {@code POST /_facerec/liveness/sessions/<SessionId>/frames}.
     *
     * @throws RekognitionException {@code SessionNotFoundException}, or {@code InvalidParameterException} when the
     *     session is no longer CREATED
     */
    public String submitLivenessFrames(String sessionId, java.util.List<byte[]> frames) {
        if (liveness == null) {
            throw new IllegalStateException("the server is not started");
        }
        return ServiceContext.render(liveness.submit(sessionId, frames));
    }

    /** Moves the liveness sessions' clock forward (so that a session expires without waiting 3 minutes). */
    public void advanceLivenessClock(java.time.Duration duration) {
        if (liveness == null) {
            throw new IllegalStateException("the server is not started");
        }
        liveness.sessions().advance(duration);
    }

    /** Stops answering, lets running requests finish (up to 10 s), and closes the store (and the engine if owned). */
    public synchronized void stop() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
        if (engine != null && settings.engine == null) {
            engine.close();
        }
        engine = null;
    }

    @Override
    public void close() {
        stop();
    }

    private static ExecutorService newExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "rekognition-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static S3Client s3Client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Settings of a {@link RekognitionServer}; every one has a default. */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private FaceEngine engine;
        private URI s3Endpoint;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private SearchSettings search = SearchSettings.DEFAULT;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder() {}

        /** The clock of Face Liveness sessions (their 3-minute expiry). @default the system clock */
        public Builder clock(java.time.Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Port on 127.0.0.1. @default 0, a free port */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where collections persist. @default none: everything stays in memory and is lost on stop */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** The face engine, which the server then does not close. @default a new {@link OnnxFaceEngine} */
        public Builder engine(FaceEngine engine) {
            this.engine = engine;
            return this;
        }

        /** The S3 endpoint {@code S3Object} images are read from (path style, dummy credentials). @default none */
        public Builder s3Endpoint(URI s3Endpoint) {
            this.s3Endpoint = s3Endpoint;
            return this;
        }

        /** Region in collection ARNs. @default us-east-1 */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Account in collection ARNs. @default 000000000000 */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** How searches scale; see {@link dev.facerec.engine.search.VectorIndex}. */
        public Builder search(SearchSettings search) {
            this.search = search;
            return this;
        }

        public RekognitionServer build() {
            return new RekognitionServer(this);
        }
    }
}
