package dev.facerec.twin.apigateway;

import static dev.facerec.twin.apigateway.ApiTwin.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization on the twin's HTTP APIs over real HTTP: an {@code AWS_IAM} route with requests signed by the AWS
 * SDK's own SigV4 signer, and a {@code JWT} route with tokens of the twin's key.
 */
class HttpApiAuthTest {

    @TempDir
    static Path directory;

    private static ApiTwin twin;
    private static String api;

    @BeforeAll
    static void deploy() throws Exception {
        twin = new ApiTwin(directory);
        api = twin.deploy("Auth", ApiTwin.template("http-api.template.json"))
                .outputs()
                .get("ApiUrl");
    }

    @AfterAll
    static void stop() {
        twin.close();
    }

    @Test
    void iam_shouldPassTheCallerToTheFunction_whenTheRequestIsSignedWithTheTwinsCredentials() {
        HttpResponse<byte[]> response = twin.send(signed("test", "{\"photo\":\"k\"}"));

        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        JsonNode iam = json(response).get("requestContext").get("authorizer").get("iam");
        assertThat(iam.get("accessKey").asText()).isEqualTo("test");
        assertThat(iam.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(iam.get("userArn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(json(response).get("body").asText()).isEqualTo("{\"photo\":\"k\"}");
    }

    @Test
    void iam_shouldBeForbidden_whenTheRequestIsNotSigned() {
        HttpResponse<byte[]> response = twin.send(
                HttpRequest.newBuilder(URI.create(api + "/iam")).POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    void iam_shouldBeForbiddenWithAwsMessage_whenTheSignatureIsWrong() {
        HttpResponse<byte[]> response = twin.send(signed("not-the-secret", "{}"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).get("message").asText())
                .startsWith("The request signature we calculated does not match the signature you provided.");
    }

    @Test
    void jwt_shouldPassClaimsAndScopes_whenTheTokenIsValid() {
        // GIVEN a token minted over HTTP, as a user would with curl
        Map<String, Object> claims = claims("identity-api", Instant.now().plusSeconds(300));
        String token = json(twin.send(HttpRequest.newBuilder(URI.create(twin.apis.endpoint() + "/_twin/tokens"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                ApiTwin.JSON.valueToTree(claims).toString()))))
                .get("token")
                .asText();

        // WHEN
        HttpResponse<byte[]> response = withToken("Bearer " + token);

        // THEN
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode jwt = json(response).get("requestContext").get("authorizer").get("jwt");
        assertThat(jwt.get("claims").get("sub").asText()).isEqualTo("user-1");
        assertThat(jwt.get("claims").get("iss").asText()).isEqualTo("https://issuer.example");
        assertThat(jwt.get("scopes")).extracting(JsonNode::asText).containsExactly("people.read", "people.write");
        JsonNode jwks = json(twin.get(twin.apis.endpoint() + "/_twin/jwks.json"));
        assertThat(jwks.get("keys").get(0).get("kid").asText())
                .isEqualTo(twin.apis.jwtKeys().keyId());
    }

    @Test
    void jwt_shouldBeUnauthorized_whenTheTokenIsMissingExpiredForAnotherAudienceOrLacksTheScope() {
        Map<String, Object> expired = claims("identity-api", Instant.now().minusSeconds(10));
        Map<String, Object> otherAudience = claims("other-api", Instant.now().plusSeconds(300));
        Map<String, Object> noScope = claims("identity-api", Instant.now().plusSeconds(300));
        noScope.put("scope", "people.write");
        Map<String, Object> otherIssuer = claims("identity-api", Instant.now().plusSeconds(300));
        otherIssuer.put("iss", "https://elsewhere.example");

        for (HttpResponse<byte[]> response : List.of(
                twin.get(api + "/jwt"),
                withToken(twin.apis.jwtKeys().mint(expired)),
                withToken(twin.apis.jwtKeys().mint(otherAudience)),
                withToken(twin.apis.jwtKeys().mint(noScope)),
                withToken(twin.apis.jwtKeys().mint(otherIssuer)),
                withToken(twin.apis
                                .jwtKeys()
                                .mint(claims("identity-api", Instant.now().plusSeconds(300))) + "x"))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(text(response)).isEqualTo("{\"message\":\"Unauthorized\"}");
            assertThat(response.headers().firstValue("www-authenticate")).isPresent();
        }
    }

    private static Map<String, Object> claims(String audience, Instant expiry) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://issuer.example");
        claims.put("sub", "user-1");
        claims.put("aud", audience);
        claims.put("scope", "people.read people.write");
        claims.put("exp", expiry.getEpochSecond());
        claims.put("nbf", Instant.now().minusSeconds(60).getEpochSecond());
        return claims;
    }

    private static HttpResponse<byte[]> withToken(String token) {
        return twin.send(HttpRequest.newBuilder(URI.create(api + "/jwt")).header("Authorization", token));
    }

    /** A POST to the IAM route signed by the SDK's SigV4 signer (access key {@code test}, the given secret). */
    private static HttpRequest.Builder signed(String secret, String body) {
        return ApiTwin.signedPost(URI.create(api + "/iam?mode=strict&tag=a%20b"), secret, body);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
