package dev.facerec.engine.rekognition;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3-compatible server (s3proxy, in memory) with one bucket, and an SDK client on it (dummy credentials). */
final class LocalS3 implements AutoCloseable {

    final S3Proxy server;
    final URI endpoint;
    final S3Client client;

    private LocalS3(S3Proxy server, URI endpoint, S3Client client) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = client;
    }

    static LocalS3 start(String bucket) throws Exception {
        S3Proxy server = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test", "test")
                .build();
        server.start();
        while (!"STARTED".equals(server.getState())) {
            Thread.sleep(10);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + server.getPort());
        S3Client client = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        client.createBucket(r -> r.bucket(bucket));
        return new LocalS3(server, endpoint, client);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.stop();
    }
}
