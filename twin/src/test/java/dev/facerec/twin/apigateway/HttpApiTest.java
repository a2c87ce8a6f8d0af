package dev.facerec.twin.apigateway;

import static dev.facerec.twin.apigateway.ApiTwin.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.StackRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP API deployed from a template onto the twin's API Gateway, in front of a real Java function run by the
 * twin's Lambda, called over real HTTP: routing, the 2.0 event, response mapping, errors, versions and aliases.
 */
class HttpApiTest {

    @TempDir
    static Path directory;

    private static ApiTwin twin;
    private static StackRecord stack;
    private static String api;

    @BeforeAll
    static void deploy() throws Exception {
        twin = new ApiTwin(directory);
        stack = twin.deploy("Identity", ApiTwin.template("http-api.template.json"));
        api = stack.outputs().get("ApiUrl");
    }

    @AfterAll
    static void stop() {
        twin.close();
    }

    @Test
    void apiEndpoint_shouldBeTheLocalUrlUnderTheApiId_inTheStackOutput() {
        String apiId = stack.resource("Api").physicalId();
        assertThat(api).isEqualTo(twin.apis.endpoint() + "/" + apiId);
        assertThat(stack.resource("Api").attributes().get("ApiEndpoint").asText())
                .isEqualTo(api);
        assertThat(apiId).matches("[a-z0-9]{10}");
        assertThat(stack.resource("VerifyRoute").attributes().get("RouteId").asText())
                .isEqualTo(stack.resource("VerifyRoute").physicalId());
    }

    @Test
    void route_shouldPickTheMostSpecificRoute_withPathParameters() {
        assertThat(routeOf(twin.get(api + "/people"))).isEqualTo("GET /people");
        assertThat(routeOf(twin.get(api + "/files/special"))).isEqualTo("GET /files/special");
        assertThat(routeOf(twin.get(api + "/files/photo.jpg"))).isEqualTo("GET /files/{name}");
        JsonNode greedy = json(twin.get(api + "/files/a/b%20c/d"));
        assertThat(greedy.get("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        assertThat(greedy.get("pathParameters").get("proxy").asText()).isEqualTo("a/b c/d");
        JsonNode posted = json(twin.send(
                HttpRequest.newBuilder(URI.create(api + "/files/photo.jpg")).DELETE()));
        assertThat(posted.get("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
        JsonNode verify = json(twin.send(HttpRequest.newBuilder(URI.create(api + "/people/p-7/verify"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"photo\":\"key\"}"))));
        assertThat(verify.get("routeKey").asText()).isEqualTo("POST /people/{personId}/verify");
        assertThat(verify.get("pathParameters").get("personId").asText()).isEqualTo("p-7");
        assertThat(verify.get("body").asText()).isEqualTo("{\"photo\":\"key\"}");
        assertThat(verify.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(routeOf(twin.send(
                        HttpRequest.newBuilder(URI.create(api + "/people")).PUT(HttpRequest.BodyPublishers.noBody()))))
                .isEqualTo("$default");
    }

    @Test
    void route_shouldAnswerNotFound_whenNothingMatchesAndThereIsNoDefaultRoute() {
        HttpResponse<byte[]> missing = twin.get(stack.outputs().get("OtherUrl") + "/people");
        HttpResponse<byte[]> noApi = twin.get(twin.apis.endpoint() + "/nosuchapi1/people");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(noApi.statusCode()).isEqualTo(404);
        // the route exists, but no permission lets the other API invoke the function
        assertThat(twin.get(stack.outputs().get("OtherUrl") + "/only").statusCode())
                .isEqualTo(500);
    }

    @Test
    void event_shouldCarryTheRequestAsPayloadFormat2() {
        HttpResponse<byte[]> response =
                twin.send(HttpRequest.newBuilder(URI.create(api + "/prod/people?size=10&tag=a&tag=b%20c"))
                        .header("X-Trace", "one")
                        .header("X-Trace", "two")
                        .header("Cookie", "session=abc; theme=dark")
                        .header("User-Agent", "twin-test")
                        .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode event = json(response);
        assertThat(event.get("version").asText()).isEqualTo("2.0");
        assertThat(event.get("rawPath").asText()).isEqualTo("/prod/people");
        assertThat(event.get("rawQueryString").asText()).isEqualTo("size=10&tag=a&tag=b%20c");
        assertThat(event.get("queryStringParameters").get("tag").asText()).isEqualTo("a,b c");
        assertThat(event.get("headers").get("x-trace").asText()).isEqualTo("one,two");
        assertThat(event.get("headers").has("cookie")).isFalse();
        assertThat(event.get("cookies")).extracting(JsonNode::asText).containsExactly("session=abc", "theme=dark");
        assertThat(event.get("stageVariables").get("color").asText()).isEqualTo("blue");
        assertThat(event.has("pathParameters")).isFalse();
        assertThat(event.has("body")).isFalse();
        JsonNode context = event.get("requestContext");
        assertThat(context.get("stage").asText()).isEqualTo("prod");
        assertThat(context.get("routeKey").asText()).isEqualTo("GET /people");
        assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
        assertThat(context.get("apiId").asText())
                .isEqualTo(stack.resource("Api").physicalId());
        assertThat(context.get("domainPrefix").asText())
                .isEqualTo(stack.resource("Api").physicalId());
        assertThat(context.get("http").get("method").asText()).isEqualTo("GET");
        assertThat(context.get("http").get("path").asText()).isEqualTo("/prod/people");
        assertThat(context.get("http").get("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(context.get("http").get("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(context.get("http").get("userAgent").asText()).isEqualTo("twin-test");
        assertThat(context.get("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.get("timeEpoch").asLong()).isPositive();
        assertThat(response.headers().firstValue("apigw-requestid"))
                .contains(context.get("requestId").asText());
    }

    @Test
    void event_shouldBase64EncodeTheBody_whenTheContentTypeIsNotText() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2, (byte) 0x80};

        JsonNode event = json(twin.send(HttpRequest.newBuilder(URI.create(api + "/people/p-1/verify"))
                .header("content-type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg))));

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(jpeg);
    }

    @Test
    void response_shouldMapAStructuredAnswer_withStatusHeadersCookiesAndDecodedBody() {
        HttpResponse<byte[]> response = twin.get(api + "/structured");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-fixture")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void response_shouldBeInternalServerError_whenTheFunctionFails() {
        HttpResponse<byte[]> response = twin.get(api + "/fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void response_shouldBeInternalServerError_whenTheFunctionAnswersMoreThanSixMegabytes() {
        HttpResponse<byte[]> response = twin.get(api + "/big");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void response_shouldBeServiceUnavailable_whenTheFunctionOutlastsTheIntegrationTimeout() {
        HttpResponse<byte[]> response = twin.get(api + "/sleep");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void throttling_shouldAnswerTooManyRequests_whenTheRoutesBurstIsSpent() {
        HttpResponse<byte[]> first = twin.get(api + "/limited");
        HttpResponse<byte[]> second = twin.get(api + "/limited");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Too Many Requests\"}");
    }

    @Test
    void alias_shouldInvokeTheFunction_whenItsPermissionAllowsTheRoute() {
        assertThat(stack.outputs().get("AliasArn"))
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:"
                        + stack.resource("Fn").physicalId() + ":live");
        assertThat(stack.resource("FnVersion").attributes().get("Version").asText())
                .isEqualTo("1");
        assertThat(stack.resource("Fn")
                        .properties()
                        .get("SnapStart")
                        .get("ApplyOn")
                        .asText())
                .isEqualTo("PublishedVersions");

        assertThat(routeOf(twin.get(api + "/aliased"))).isEqualTo("GET /aliased");
    }

    @Test
    void version_shouldBeInternalServerError_whenNoPermissionCoversTheVersion() {
        HttpResponse<byte[]> response = twin.get(api + "/version");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void request_shouldBeRefusedWith413_whenTheBodyIsOverTenMegabytes() {
        HttpResponse<byte[]> response = twin.send(HttpRequest.newBuilder(URI.create(api + "/people/p-1/verify"))
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1])));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void request_shouldBeRefusedWith413_whenTheEventIsOverLambdasSixMegabytes() {
        HttpResponse<byte[]> response = twin.send(HttpRequest.newBuilder(URI.create(api + "/people/p-1/verify"))
                .header("content-type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024])));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"Request Too Long\"}");
    }

    @Test
    void accessLog_shouldHaveALinePerRequest_inTheStagesFormat() throws Exception {
        JsonNode event = json(twin.get(api + "/people"));

        Path log = twin.apis.accessLogFile("arn:aws:logs:us-east-1:000000000000:log-group:/aws/http-api/identity");
        assertThat(Files.readAllLines(log))
                .contains(event.get("requestContext").get("requestId").asText() + " GET GET /people 200");
    }

    private static String routeOf(HttpResponse<byte[]> response) {
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return json(response).get("routeKey").asText();
    }
}
