package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.lambda.InvocationResult;
import dev.facerec.twin.lambda.LambdaService;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What API Gateway does with one request to an HTTP API: picks the stage (a named stage by the path's first segment,
 * else {@code $default}), the route, applies the route's throttling (429), its authorization ({@code AWS_IAM}: 403,
 * {@code JWT}: 401), checks that the function's resource policy lets {@code apigateway.amazonaws.com} invoke it from
 * this route (500 otherwise), invokes the function synchronously with the 2.0 event and maps its answer; a function
 * error or a response over Lambda's 6 MB is a 500, no answer within the integration's timeout a 503, an event over Lambda's 6 MB a 413. Every request
 * a stage answers is written to its access log.
 */
final class RequestPipeline {

    /** Lambda's limit on a synchronous invocation's payload. */
    static final int LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final LambdaService lambda;
    private final SigV4Verifier sigV4;
    private final JwtVerifier jwt;
    private final Throttles throttles = new Throttles();
    private final AccessLog accessLog;
    private final ExecutorService invokers;
    private final String region;
    private final String accountId;
    private final Clock clock;

    RequestPipeline(
            LambdaService lambda,
            SigV4Verifier sigV4,
            JwtVerifier jwt,
            AccessLog accessLog,
            ExecutorService invokers,
            String region,
            String accountId,
            Clock clock) {
        this.lambda = lambda;
        this.sigV4 = sigV4;
        this.jwt = jwt;
        this.accessLog = accessLog;
        this.invokers = invokers;
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    GatewayResponse handle(HttpApi api, ApiRequest request) {
        Instant now = clock.instant();
        String requestId = requestId();
        String path = ProxyEvent.decode(request.rawPath(), false);
        String[] segments = path.split("/", 3);
        ApiStage stage;
        String routePath;
        if (segments.length > 1
                && !segments[1].isEmpty()
                && api.stages().containsKey(segments[1])
                && !ApiStage.DEFAULT.equals(segments[1])) {
            stage = api.stages().get(segments[1]);
            routePath = segments.length > 2 ? "/" + segments[2] : "/";
        } else {
            stage = api.stages().get(ApiStage.DEFAULT);
            routePath = path;
        }
        if (stage == null) {
            return GatewayResponse.notFound();
        }
        Optional<RouteMatch> match = RouteMatch.find(api.routes().values(), request.method(), routePath);
        GatewayResponse response =
                match.map(m -> routed(api, stage, m, request, requestId, now)).orElseGet(GatewayResponse::notFound);
        accessLog.write(stage, logContext(api, stage, match, request, response, requestId, now));
        return withRequestId(response, requestId);
    }

    private GatewayResponse routed(
            HttpApi api, ApiStage stage, RouteMatch match, ApiRequest request, String requestId, Instant now) {
        ApiRoute route = match.route();
        if (!throttles.tryAcquire(
                api.id(), stage.name(), route.routeKey(), stage.throttleFor(route.routeKey()), System.nanoTime())) {
            return GatewayResponse.message(429, "Too Many Requests");
        }
        ObjectNode authorizer;
        try {
            authorizer = authorize(api, route, request, now);
        } catch (SigV4Verifier.Refused e) {
            return e.response();
        } catch (JwtVerifier.Refused e) {
            return e.response();
        }
        ApiIntegration integration = api.integrations().get(route.integrationId());
        if (integration == null) {
            return GatewayResponse.internalError("route " + route.routeKey() + " has no integration");
        }
        ObjectNode event = ProxyEvent.of(
                request,
                new ProxyEvent.Context(
                        accountId,
                        api.id(),
                        stage.name(),
                        route.routeKey(),
                        requestId,
                        now,
                        match.pathParameters(),
                        stage.variables(),
                        authorizer));
        byte[] payload = event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (payload.length > LAMBDA_PAYLOAD_LIMIT) {
            return GatewayResponse.message(413, "Request Too Long");
        }
        if (integration.credentialsArn() == null
                && !lambda.allowsInvoke(integration.functionArn(), PRINCIPAL, sourceArn(api, stage, route, request))) {
            return GatewayResponse.internalError("API Gateway has no permission to invoke the function");
        }
        return invoke(integration, payload);
    }

    private ObjectNode authorize(HttpApi api, ApiRoute route, ApiRequest request, Instant now)
            throws SigV4Verifier.Refused, JwtVerifier.Refused {
        switch (route.authorizationType()) {
            case "AWS_IAM": {
                SigV4Verifier.Caller caller = sigV4.verify(
                        request.method(),
                        "/" + api.id() + request.rawPath(),
                        request.rawQuery(),
                        request.headers(),
                        request.body(),
                        now);
                ObjectNode authorizer = JSON.createObjectNode();
                authorizer
                        .putObject("iam")
                        .put("accessKey", caller.accessKey())
                        .put("accountId", caller.accountId())
                        .put("callerId", caller.callerId())
                        .putNull("cognitoIdentity")
                        .putNull("principalOrgId")
                        .put("userArn", caller.userArn())
                        .put("userId", caller.userId());
                return authorizer;
            }
            case "JWT": {
                ApiAuthorizer authorizer = api.authorizers().get(route.authorizerId());
                if (authorizer == null) {
                    throw new JwtVerifier.Refused("the route's authorizer does not exist");
                }
                String header = authorizer.identitySource().replaceFirst("^\\$request\\.header\\.", "");
                JwtVerifier.Authorized authorized = jwt.verify(
                        request.header(header.toLowerCase(java.util.Locale.ROOT)),
                        authorizer,
                        route.authorizationScopes(),
                        now);
                ObjectNode node = JSON.createObjectNode();
                ObjectNode jwtNode = node.putObject("jwt");
                jwtNode.set("claims", authorized.claims());
                jwtNode.set("scopes", authorized.scopes() == null ? null : JSON.valueToTree(authorized.scopes()));
                return node;
            }
            default:
                return null;
        }
    }

    private GatewayResponse invoke(ApiIntegration integration, byte[] payload) {
        CompletableFuture<InvocationResult> result =
                CompletableFuture.supplyAsync(() -> lambda.invoke(integration.functionArn(), payload), invokers);
        InvocationResult outcome;
        try {
            outcome = result.get(integration.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return GatewayResponse.message(503, "Service Unavailable", Map.of(), "the integration timed out");
        } catch (ExecutionException e) {
            return GatewayResponse.internalError(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.message(503, "Service Unavailable");
        }
        if (outcome.failed()) {
            return GatewayResponse.internalError("the function failed");
        }
        if (outcome.payload().length > LAMBDA_PAYLOAD_LIMIT) {
            return GatewayResponse.internalError("the function's response is over Lambda's 6 MB");
        }
        return ProxyResponse.of(outcome.payload());
    }

    /** The ARN API Gateway invokes from: {@code arn:aws:execute-api:region:account:api/stage/METHOD/path}. */
    private String sourceArn(HttpApi api, ApiStage stage, ApiRoute route, ApiRequest request) {
        String resource = RouteMatch.DEFAULT_ROUTE.equals(route.routeKey())
                ? "$default"
                : request.method() + route.routeKey().substring(route.routeKey().indexOf(' ') + 1);
        return "arn:aws:execute-api:" + region + ":" + accountId + ":" + api.id() + "/" + stage.name() + "/" + resource;
    }

    private static Map<String, String> logContext(
            HttpApi api,
            ApiStage stage,
            Optional<RouteMatch> match,
            ApiRequest request,
            GatewayResponse response,
            String requestId,
            Instant now) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("requestId", requestId);
        context.put("extendedRequestId", requestId);
        context.put("apiId", api.id());
        context.put("stage", stage.name());
        context.put("routeKey", match.map(m -> m.route().routeKey()).orElse("-"));
        context.put("httpMethod", request.method());
        context.put("path", request.rawPath());
        context.put("protocol", request.protocol());
        context.put("status", String.valueOf(response.status()));
        context.put("responseLength", String.valueOf(response.body().length));
        context.put("identity.sourceIp", request.sourceIp());
        context.put("identity.userAgent", request.header("user-agent"));
        context.put("requestTime", ProxyEvent.formatTime(now));
        context.put("requestTimeEpoch", String.valueOf(now.toEpochMilli()));
        context.put("domainName", request.header("host"));
        context.put("integrationErrorMessage", response.integrationError());
        context.put("error.message", response.integrationError() == null ? null : messageOf(response));
        return context;
    }

    private static String messageOf(GatewayResponse response) {
        try {
            return JSON.readTree(response.body()).path("message").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static GatewayResponse withRequestId(GatewayResponse response, String requestId) {
        java.util.List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(response.headers());
        headers.add(Map.entry("apigw-requestid", requestId));
        return new GatewayResponse(response.status(), headers, response.body(), response.integrationError());
    }

    /** An id shaped like API Gateway's (16 characters of base64). */
    private static String requestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 15) + "=";
    }
}
