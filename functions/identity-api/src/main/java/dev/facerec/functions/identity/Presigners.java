package dev.facerec.functions.identity;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 presigner of the upload URLs. Region and credentials come from the environment as for the clients; an
 * endpoint given by {@code AWS_ENDPOINT_URL_S3} (or {@code AWS_ENDPOINT_URL}) is used with path-style URLs (a local
 * S3 on an IP address has no virtual hosts).
 */
final class Presigners {

    private Presigners() {}

    static S3Presigner fromEnvironment(Map<String, String> env) {
        S3Presigner.Builder builder = S3Presigner.builder();
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint))
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        }
        return builder.build();
    }
}
