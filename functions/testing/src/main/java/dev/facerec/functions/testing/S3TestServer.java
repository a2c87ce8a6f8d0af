package dev.facerec.functions.testing;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * s3proxy in memory on 127.0.0.1 and a free port, signing with {@code test}/{@code test} (what {@link TestClients}
 * use): all the function tests need of S3. No versioning and no event notifications: the tests deliver events
 * themselves, from fixtures, and give version ids in them where a test needs one.
 */
public final class S3TestServer implements AutoCloseable {

    private final S3Proxy proxy;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts a server and waits until it runs. */
    public static S3TestServer start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, TestClients.ACCESS_KEY, TestClients.SECRET_KEY)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting s3proxy", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
        return new S3TestServer(proxy);
    }

    /** The endpoint for {@code endpointOverride}: an IP address, so that the SDK uses path-style addressing. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy", e);
        }
    }
}
