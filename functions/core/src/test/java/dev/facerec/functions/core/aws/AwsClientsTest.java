package dev.facerec.functions.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

class AwsClientsTest {

    private String previousRegion;

    @BeforeEach
    void setRegion() {
        previousRegion = System.getProperty("aws.region");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterEach
    void restoreRegion() {
        if (previousRegion == null) {
            System.clearProperty("aws.region");
        } else {
            System.setProperty("aws.region", previousRegion);
        }
    }

    @Test
    void fromEnvironment_shouldUseTheStandardRetryMode_whenNoRetryModeIsConfigured() {
        // GIVEN a region from the environment, as Lambda gives it, and no retry mode anywhere
        // WHEN the function's clients are built
        AwsClients clients = AwsClients.fromEnvironment();

        // THEN every client retries in the SDK's standard mode (3 attempts), not the legacy default
        for (SdkClient client : List.of(clients.s3(), clients.dynamoDb(), clients.rekognition())) {
            RetryStrategy strategy = client.serviceClientConfiguration()
                    .overrideConfiguration()
                    .retryStrategy()
                    .orElseThrow();
            assertThat(strategy).as(client.serviceName()).isInstanceOf(StandardRetryStrategy.class);
            assertThat(strategy.maxAttempts()).as(client.serviceName()).isEqualTo(3);
            client.close();
        }
    }
}
