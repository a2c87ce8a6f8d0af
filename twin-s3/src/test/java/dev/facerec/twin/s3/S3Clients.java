package dev.facerec.twin.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An S3 client for a test's server, configured as the twin's clients are (path style, {@code test}/{@code test}). */
final class S3Clients {

    private S3Clients() {}

    static S3Client of(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.DEFAULT_IDENTITY, S3Server.DEFAULT_IDENTITY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
