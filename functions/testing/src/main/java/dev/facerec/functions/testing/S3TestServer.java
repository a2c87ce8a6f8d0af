package dev.facerec.functions.testing;

import dev.facerec.twin.s3.S3Server;
import java.net.URI;

/**
 * The twin's S3 server in memory on 127.0.0.1 and a free port, signing with {@code test}/{@code test} (what
 * {@link TestClients} use): all the function tests need of S3. It reads request bodies as S3 does (an
 * {@code aws-chunked} upload to its end, trailer included), so a connection the SDK reuses is never left with a
 * request's unread end. No versioning and no event notifications: the tests deliver events themselves, from
 * fixtures, and give version ids in them where a test needs one.
 */
public final class S3TestServer implements AutoCloseable {

    private final S3Server server;

    private S3TestServer(S3Server server) {
        this.server = server;
    }

    /** Starts a server and waits until it runs. */
    public static S3TestServer start() {
        return new S3TestServer(S3Server.inMemory().start());
    }

    /** The endpoint for {@code endpointOverride}: an IP address, so that the SDK uses path-style addressing. */
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }
}
