package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;
import software.amazon.awssdk.services.rekognition.model.User;

/** The wire protocol around the operations: fault injection and SDK retries, pagination, the admin endpoints. */
class ProtocolTest {

    private static ServerFixture fixture;
    private static RekognitionServer server;
    private static RekognitionClient rekognition;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(settings -> settings, RetryMode.STANDARD);
        server = fixture.server;
        rekognition = fixture.client;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    @Test
    void sdk_shouldRetryAndSucceed_whenTwoThrottlingFaultsAreInjected() {
        // GIVEN the next two CreateCollection calls throttled
        server.faults().failNext("CreateCollection", 2, ErrorType.THROTTLING);

        // WHEN the SDK (standard retry mode: 3 attempts) creates a collection
        rekognition.createCollection(r -> r.collectionId("retried"));

        // THEN it succeeded on the third call
        assertThat(server.faults().calls("CreateCollection")).isEqualTo(3);
        assertThat(rekognition
                        .describeCollection(r -> r.collectionId("retried"))
                        .faceCount())
                .isZero();
    }

    @Test
    void sdk_shouldGiveUpWithTheErrorsClass_whenFaultsOutlastItsRetries() {
        // GIVEN five internal errors queued for ListCollections
        server.faults().failNext("ListCollections", 5, ErrorType.INTERNAL_SERVER_ERROR);

        // WHEN listing THEN the SDK fails after its three attempts with InternalServerErrorException (HTTP 500)
        assertThatThrownBy(() -> rekognition.listCollections(r -> {}))
                .isInstanceOf(InternalServerErrorException.class)
                .satisfies(e -> assertThat(((InternalServerErrorException) e).statusCode())
                        .isEqualTo(500));
        assertThat(server.faults().calls("ListCollections")).isEqualTo(3);
        assertThat(server.faults().pending("ListCollections")).isEqualTo(2);
    }

    @Test
    void faultsEndpoint_shouldInjectOverHttp_andClearOnDelete() throws Exception {
        // GIVEN a fault posted to the admin endpoint
        HttpResponse<String> posted = send(
                "POST",
                "/_facerec/faults",
                "{\"operation\":\"DescribeCollection\",\"errorType\":\"ProvisionedThroughputExceededException\","
                        + "\"count\":1}");

        // WHEN a client without retries calls the operation
        try (RekognitionClient noRetries = RekognitionClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            // THEN it gets the injected error, and the endpoint reports the call
            assertThatThrownBy(() -> noRetries.describeCollection(r -> r.collectionId("any")))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
        }
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.body()).contains("\"DescribeCollection\":1");
        assertThat(send("GET", "/_facerec/faults", null).body()).contains("\"calls\":{\"DescribeCollection\":1}");
        send("POST", "/_facerec/faults", "{\"errorType\":\"ThrottlingException\",\"count\":3}");
        assertThat(send("DELETE", "/_facerec/faults", null).body()).contains("\"pending\":{}");
    }

    @Test
    void throttlingFaultOnAnyOperation_shouldRaiseThrottlingException_whenRetriesAreExhausted() {
        // GIVEN every operation throttled three times
        server.faults().failNext(FaultInjector.ANY, 3, ErrorType.THROTTLING);
        assertThat(server.faults().pending(FaultInjector.ANY)).isEqualTo(3);

        // WHEN / THEN
        assertThatThrownBy(() -> rekognition.listCollections(r -> {})).isInstanceOf(ThrottlingException.class);
    }

    @Test
    void paginators_shouldWalkEveryPage() {
        // GIVEN seven collections and a collection with five users
        IntStream.range(0, 7).forEach(i -> rekognition.createCollection(r -> r.collectionId("paged-" + i)));
        IntStream.range(0, 5)
                .forEach(i ->
                        rekognition.createUser(r -> r.collectionId("paged-0").userId("u" + i)));

        // WHEN listing them three and two at a time
        List<String> collections = rekognition.listCollectionsPaginator(r -> r.maxResults(3)).collectionIds().stream()
                .filter(id -> id.startsWith("paged-"))
                .toList();
        List<String> users =
                rekognition.listUsersPaginator(r -> r.collectionId("paged-0").maxResults(2)).users().stream()
                        .map(User::userId)
                        .toList();

        // THEN every item comes once, in order
        assertThat(collections)
                .containsExactly("paged-0", "paged-1", "paged-2", "paged-3", "paged-4", "paged-5", "paged-6");
        assertThat(users).containsExactly("u0", "u1", "u2", "u3", "u4");
    }

    @Test
    void health_shouldAnswerOk() throws Exception {
        HttpResponse<String> response = send("GET", "/_facerec/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void unknownOperation_shouldAnswerUnknownOperationException() throws Exception {
        HttpResponse<String> response = call("DetectLabels", "{}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
    }

    @Test
    void malformedBody_shouldAnswerSerializationException() throws Exception {
        HttpResponse<String> response = call("ListCollections", "{not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
    }

    @Test
    void sdk_shouldReachTheServer_whenTheEndpointComesFromConfigurationOnly() {
        // GIVEN a collection, and the endpoint set the way AWS_ENDPOINT_URL_REKOGNITION sets it, as the JVM property
        // the SDK reads for it (a test cannot set environment variables)
        rekognition.createCollection(r -> r.collectionId("configured"));
        System.setProperty("aws.endpointUrlRekognition", server.endpoint().toString());
        ExecutionInterceptor neverAws = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (!context.httpRequest().host().equals("127.0.0.1")) {
                    throw new IllegalStateException("the endpoint setting was ignored: refusing to call AWS");
                }
            }
        };
        try (RekognitionClient configured = RekognitionClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(neverAws))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            // WHEN a client built without endpointOverride lists collections
            List<String> ids = configured.listCollections(r -> {}).collectionIds();

            // THEN it was this server that answered
            assertThat(ids).contains("configured");
        } finally {
            System.clearProperty("aws.endpointUrlRekognition");
        }
    }

    /** A raw JSON 1.1 call of {@code operation}, unsigned. */
    private HttpResponse<String> call(String operation, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.endpoint())
                        .header("X-Amz-Target", "RekognitionService." + operation)
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher =
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return http.send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + path))
                        .method(method, publisher)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
