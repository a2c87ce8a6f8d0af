package dev.facerec.engine.rekognition;

import dev.facerec.twin.s3.S3Server;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;

/** The twin's S3 server in memory with one bucket, and an SDK client on it (dummy credentials). */
final class LocalS3 implements AutoCloseable {

    final S3Server server;
    final URI endpoint;
    final S3Client client;

    private LocalS3(S3Server server, S3Client client) {
        this.server = server;
        this.endpoint = server.endpoint();
        this.client = client;
    }

    static LocalS3 start(String bucket) {
        S3Server server = S3Server.inMemory().start();
        S3Client client = server.newClient();
        client.createBucket(r -> r.bucket(bucket));
        return new LocalS3(server, client);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
