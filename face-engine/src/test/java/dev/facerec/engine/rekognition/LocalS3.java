package dev.facerec.engine.rekognition;

import dev.facerec.twin.s3.S3Server;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The twin's S3 server in memory with one bucket, and an SDK client on it (dummy credentials). */
final class LocalS3 implements AutoCloseable {

    final S3Server server;
    final URI endpoint;
    final S3Client client;

    private LocalS3(S3Server server, URI endpoint, S3Client client) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = client;
    }

    static LocalS3 start(String bucket) {
        S3Server server = S3Server.inMemory().start();
        URI endpoint = server.endpoint();
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.DEFAULT_IDENTITY, S3Server.DEFAULT_IDENTITY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        client.createBucket(r -> r.bucket(bucket));
        return new LocalS3(server, endpoint, client);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
