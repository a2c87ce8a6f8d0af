package dev.facerec.twin.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local S3 server: s3proxy 4.1.0 on 127.0.0.1 and a free port, storing objects in a directory (or in memory), with
 * a hook that sees every object write and delete ({@link ObjectListener}) — from which the twin makes S3 event
 * notifications. A persistent server supports bucket versioning ({@link VersionedFilesystemStore}); an in-memory one
 * does not.
 *
 * <p>Request bodies are read as S3 reads them: an {@code aws-chunked} upload to its end, trailing checksum checked
 * ({@link AwsChunkedFilter}).
 *
 * <p>Clients must sign with the server's identity and credential ({@code test}/{@code test} by default) and should
 * use path-style addressing with {@code http://127.0.0.1:PORT} (see {@link #endpoint()}).
 */
public final class S3Server implements AutoCloseable {

    /** The access key and secret clients sign with unless configured otherwise. */
    public static final String DEFAULT_IDENTITY = "test";

    private final Path dataDirectory;
    private final String identity;
    private final String credential;
    private final List<ObjectListener> listeners = new CopyOnWriteArrayList<>();
    private S3Proxy proxy;

    private S3Server(Path dataDirectory, String identity, String credential) {
        this.dataDirectory = dataDirectory;
        this.identity = identity;
        this.credential = credential;
    }

    /** A server that keeps its objects in memory: they are gone when it stops. */
    public static S3Server inMemory() {
        return new S3Server(null, DEFAULT_IDENTITY, DEFAULT_IDENTITY);
    }

    /** A server that keeps its objects under {@code directory} (one sub-directory per bucket), across restarts. */
    public static S3Server persistent(Path directory) {
        return new S3Server(directory, DEFAULT_IDENTITY, DEFAULT_IDENTITY);
    }

    /** Adds a listener for every object write and delete; may be called before or after {@link #start()}. */
    public S3Server addListener(ObjectListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Starts the server; returns it for chaining. */
    public synchronized S3Server start() {
        if (proxy != null) {
            throw new IllegalStateException("the S3 server is already running on " + endpoint());
        }
        BlobStore store = new NotifyingBlobStore(
                new KeyEncodingBlobStore(openStore()), listeners, new SequencerClock(Clock.systemUTC()));
        S3Proxy started = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, identity, credential)
                .ignoreUnknownHeaders(true)
                .build();
        AwsChunkedFilter.install(started);
        try {
            started.start();
            while (!"STARTED".equals(started.getState())) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the S3 server", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the S3 server", e);
        }
        proxy = started;
        return this;
    }

    /** The endpoint for {@code endpointOverride} or {@code AWS_ENDPOINT_URL_S3}. */
    public synchronized URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public synchronized int port() {
        if (proxy == null) {
            throw new IllegalStateException("the S3 server is not running");
        }
        return proxy.getPort();
    }

    /**
     * A new SDK client for this server (its endpoint, path-style addressing, its identity and credential, region
     * {@code us-east-1}); the caller closes it.
     */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Where objects are stored, or {@code null} for an in-memory server. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server; objects of a persistent server stay on disk. Does nothing when it is not running. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the S3 server", e);
        } finally {
            proxy = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private BlobStore openStore() {
        if (dataDirectory == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data directory " + dataDirectory, e);
        }
        return new VersionedFilesystemStore(dataDirectory.toAbsolutePath(), Clock.systemUTC());
    }
}
