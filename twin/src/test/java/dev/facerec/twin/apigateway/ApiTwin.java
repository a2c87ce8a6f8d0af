package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.cloudformation.AssetLocator;
import dev.facerec.twin.cloudformation.DeployerRegistry;
import dev.facerec.twin.cloudformation.StackDeployer;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.cloudformation.StackStore;
import dev.facerec.twin.cloudformation.Template;
import dev.facerec.twin.cloudformation.resources.AliasDeployer;
import dev.facerec.twin.cloudformation.resources.ApiAuthorizerDeployer;
import dev.facerec.twin.cloudformation.resources.ApiIntegrationDeployer;
import dev.facerec.twin.cloudformation.resources.ApiRouteDeployer;
import dev.facerec.twin.cloudformation.resources.ApiStageDeployer;
import dev.facerec.twin.cloudformation.resources.FunctionDeployer;
import dev.facerec.twin.cloudformation.resources.HttpApiDeployer;
import dev.facerec.twin.cloudformation.resources.PermissionDeployer;
import dev.facerec.twin.cloudformation.resources.RecordedResources;
import dev.facerec.twin.cloudformation.resources.VersionDeployer;
import dev.facerec.twin.lambda.HandlerJar;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LambdaSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A twin's Lambda and API Gateway, with the CloudFormation deployers they need, on a data directory: what the API
 * Gateway tests share (one per test class). Requests go over real HTTP.
 */
final class ApiTwin implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path handlerJar;
    private final HttpClient http = HttpClient.newHttpClient();
    final LambdaService lambda;
    final HttpApiService apis;

    ApiTwin(Path directory) throws Exception {
        this.directory = directory;
        this.handlerJar = HandlerJar.build(directory.resolve("fixture"));
        this.lambda =
                new LambdaService(LambdaSettings.defaults(directory.resolve("lambda"), REGION, ACCOUNT, Map.of()));
        this.apis = startApis();
    }

    HttpApiService startApis() {
        return new HttpApiService(
                directory.resolve("apigateway"), REGION, ACCOUNT, lambda, Map.of("test", "test"), Clock.systemUTC());
    }

    /** The template of a test resource ({@code /apigateway/<name>}). */
    static JsonNode template(String name) {
        try (InputStream in = ApiTwin.class.getResourceAsStream("/apigateway/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deploys a template whose functions' code ({@code fixture.jar}, or the given asset key) is the fixture jar. */
    StackRecord deploy(String stackName, JsonNode template, String... assetKeys) {
        Map<String, Path> assets = new java.util.LinkedHashMap<>(Map.of("fixture.jar", handlerJar));
        for (String key : assetKeys) {
            assets.put(key, handlerJar);
        }
        return deployer().deploy(stackName, Template.parse(template), new AssetLocator(assets), Map.of());
    }

    /** A POST signed by the AWS SDK's own SigV4 signer for {@code execute-api} (access key {@code test}). */
    static HttpRequest.Builder signedPost(URI uri, String secret, String body) {
        SdkHttpRequest request = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create("test", secret))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(uri)
                                .putHeader("content-type", "application/json")
                                .build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, REGION))
                .request();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
        request.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder;
    }

    StackDeployer deployer() {
        return deployer(apis);
    }

    /** A deployer whose API Gateway deployers work on {@code apis} (e.g. a service started again). */
    StackDeployer deployer(HttpApiService apis) {
        DeployerRegistry registry = new DeployerRegistry()
                .register(new FunctionDeployer(lambda))
                .register(new VersionDeployer(lambda))
                .register(new AliasDeployer(lambda))
                .register(new PermissionDeployer(lambda))
                .register(new HttpApiDeployer(apis))
                .register(new ApiStageDeployer(apis))
                .register(new ApiRouteDeployer(apis))
                .register(new ApiIntegrationDeployer(apis))
                .register(new ApiAuthorizerDeployer(apis));
        RecordedResources.all().forEach(registry::register);
        return new StackDeployer(registry, new StackStore(directory.resolve("stacks")), REGION, ACCOUNT, line -> {});
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(response.body()), e);
        }
    }

    @Override
    public void close() {
        apis.close();
        lambda.close();
    }
}
