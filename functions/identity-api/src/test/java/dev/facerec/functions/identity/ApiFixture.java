package dev.facerec.functions.identity;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestClients;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The identity API tests' view of {@link FunctionServices}: the handler on the test services, HTTP API events as
 * API Gateway sends them (payload 2.0), and enrolment through the enrolment handler.
 */
final class ApiFixture {

    static final ObjectMapper JSON = new ObjectMapper();

    private ApiFixture() {}

    static AwsClients clients(FunctionServices services) {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }

    static IdentityApiConfig config(float verificationThreshold) {
        return new IdentityApiConfig(
                FunctionConfig.defaults(FunctionServices.TABLE),
                FunctionServices.BUCKET,
                verificationThreshold,
                Duration.ofMinutes(5));
    }

    static S3Presigner presigner(FunctionServices services) {
        return S3Presigner.builder()
                .endpointOverride(services.s3Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(TestClients.ACCESS_KEY, TestClients.SECRET_KEY)))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    static IdentityApiHandler handler(FunctionServices services, float verificationThreshold) {
        return new IdentityApiHandler(
                clients(services), config(verificationThreshold), presigner(services), Clock.systemUTC());
    }

    /** Enrols one photo of a {@code color} face under {@code key} and checks that it was indexed. */
    static void enrol(FunctionServices services, String key, FaceColor color, Map<String, String> metadata) {
        IndexFacesHandler enrolment = new IndexFacesHandler(
                clients(services), FunctionConfig.defaults(FunctionServices.TABLE), Clock.systemUTC());
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), metadata);
        JsonNode outcome = JSON.valueToTree(enrolment.handleRequest(
                EventFixtures.s3Event(
                        "object-created-template.json", services.createdEvent(photo, services.nextSequencer())),
                new TestContext()));
        assertThat(outcome.path("outcomes").get(0).asText()).isEqualTo("INDEXED");
    }

    /** An HTTP API event for {@code route} with path parameters and a body. */
    static APIGatewayV2HTTPEvent event(
            String route, Map<String, String> path, String contentType, byte[] body, Map<String, String> query) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        boolean text = contentType != null && contentType.startsWith("application/json");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route)
                .withPathParameters(path)
                .withQueryStringParameters(query)
                .withHeaders(headers)
                .withBody(
                        body == null
                                ? null
                                : text
                                        ? new String(body, java.nio.charset.StandardCharsets.UTF_8)
                                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body != null && !text)
                .build();
    }

    /** The answer's body as JSON. */
    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody() == null ? "{}" : response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
