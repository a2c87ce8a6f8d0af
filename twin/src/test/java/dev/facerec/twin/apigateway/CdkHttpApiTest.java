package dev.facerec.twin.apigateway;

import static dev.facerec.twin.apigateway.ApiTwin.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.StackRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template aws-cdk-lib synthesizes for an HTTP API ({@code HttpApi}, {@code HttpLambdaIntegration} on a SnapStart
 * function's alias, {@code HttpIamAuthorizer}, {@code HttpJwtAuthorizer}, a throttled named stage; see
 * {@code apigateway/README.md}) deployed on the twin and called over real HTTP.
 */
class CdkHttpApiTest {

    private static final String ASSET_KEY = "d00e6ece715086faf40764523d3c36bfa29b345acc3479355be61d3a968dbd9a.zip";

    @TempDir
    static Path directory;

    private static ApiTwin twin;
    private static StackRecord stack;
    private static String api;

    @BeforeAll
    static void deploy() throws Exception {
        twin = new ApiTwin(directory);
        stack = twin.deploy("ApiSample", ApiTwin.template("cdk-http-api.template.json"), ASSET_KEY);
        api = stack.outputs().get("ApiEndpoint");
    }

    @AfterAll
    static void stop() {
        twin.close();
    }

    @Test
    void iamRoute_shouldInvokeTheAlias_whenTheRequestIsSigned() {
        HttpResponse<byte[]> signed =
                twin.send(ApiTwin.signedPost(URI.create(api + "/people/p-42/verify"), "test", "{\"photo\":\"k\"}"));
        HttpResponse<byte[]> unsigned = twin.send(HttpRequest.newBuilder(URI.create(api + "/people/p-42/verify"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(signed.statusCode()).as(new String(signed.body())).isEqualTo(200);
        JsonNode event = json(signed);
        assertThat(event.get("routeKey").asText()).isEqualTo("POST /people/{personId}/verify");
        assertThat(event.get("pathParameters").get("personId").asText()).isEqualTo("p-42");
        assertThat(event.get("requestContext")
                        .get("authorizer")
                        .get("iam")
                        .get("accessKey")
                        .asText())
                .isEqualTo("test");
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(stack.outputs().get("AliasArn")).endsWith(":live");
    }

    @Test
    void jwtRoute_shouldAcceptACognitoStyleAccessToken_withClientIdAndTheScope() {
        String token = twin.apis
                .jwtKeys()
                .mint(Map.of(
                        "iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_sample",
                        "client_id", "identity-client",
                        "token_use", "access",
                        "scope", "people/read",
                        "sub", "user-1",
                        "exp", Instant.now().plusSeconds(600).getEpochSecond()));

        HttpResponse<byte[]> response =
                twin.send(HttpRequest.newBuilder(URI.create(api + "/people")).header("Authorization", token));

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(json(response)
                        .get("requestContext")
                        .get("authorizer")
                        .get("jwt")
                        .get("claims")
                        .get("client_id")
                        .asText())
                .isEqualTo("identity-client");
        assertThat(twin.get(api + "/people").statusCode()).isEqualTo(401);
    }

    @Test
    void openRoute_shouldServeBothStages_throughTheUnqualifiedFunction() {
        JsonNode onDefault = json(twin.get(api + "/open/a/b"));
        JsonNode onProd = json(twin.get(api + "/prod/open/c"));

        assertThat(onDefault.get("pathParameters").get("proxy").asText()).isEqualTo("a/b");
        assertThat(onDefault.get("requestContext").get("stage").asText()).isEqualTo("$default");
        assertThat(onProd.get("pathParameters").get("proxy").asText()).isEqualTo("c");
        assertThat(onProd.get("requestContext").get("stage").asText()).isEqualTo("prod");
    }
}
