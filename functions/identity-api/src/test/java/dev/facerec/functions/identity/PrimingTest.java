package dev.facerec.functions.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.testing.TestClients;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The SnapStart priming makes no AWS call: with every client pointed at a port nobody listens on, any call would
 * fail and answer 500; every primed request must end in a 4xx before reaching AWS.
 */
class PrimingTest {

    @Test
    void prime_shouldAnswerEveryRequestWithoutCallingAws() throws Exception {
        // GIVEN clients whose endpoint refuses connections
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        AwsClients clients = new AwsClients(
                TestClients.s3(nowhere), TestClients.dynamoDb(nowhere), TestClients.rekognitionWithoutRetries(nowhere));
        IdentityApiHandler handler = new IdentityApiHandler(
                clients,
                new IdentityApiConfig(FunctionConfig.defaults("table"), "bucket", 99f, Duration.ofMinutes(1)),
                S3Presigner.builder()
                        .region(Region.US_EAST_1)
                        .endpointOverride(nowhere)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                        .build(),
                Clock.systemUTC());

        // WHEN primed, as beforeCheckpoint does
        // THEN every request was answered with bad input or an unknown route
        assertThat(handler.prime())
                .isNotEmpty()
                .allSatisfy(status -> assertThat(status).isBetween(400, 404));
    }
}
