package dev.facerec.twin.apigateway;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpServer;
import dev.facerec.engine.http.LoopbackHttpServer;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.state.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The twin's API Gateway for HTTP APIs: APIs with their routes, Lambda proxy integrations, JWT authorizers and stages,
 * served on one local HTTP server. An API is reached under its id: {@code http://127.0.0.1:<port>/<apiId>} is its
 * {@code ApiEndpoint} ({@code $default} stage at that root, a named stage under {@code /<stage>}). The server also
 * publishes the twin's JWT key set at {@code /_twin/jwks.json} and mints tokens at {@code POST /_twin/tokens}. Every
 * API is kept in the data directory ({@code apis/<id>.json}); a new service on the same directory serves them again.
 */
public final class HttpApiService implements AutoCloseable {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Path apiDirectory;
    private final Map<String, HttpApi> apis = new ConcurrentHashMap<>();
    private final JwtKeys jwtKeys;
    private final AccessLog accessLog;
    private final HttpServer http;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool(daemon("apigateway-http"));
    private final ExecutorService invokers = Executors.newCachedThreadPool(daemon("apigateway-invoke"));

    /**
     * Starts the service on a free port.
     *
     * @param credentials the secret of each access key that may sign {@code AWS_IAM} requests
     */
    public HttpApiService(
            Path dataDirectory,
            String region,
            String accountId,
            LambdaService lambda,
            Map<String, String> credentials,
            Clock clock) {
        this.apiDirectory = dataDirectory.resolve("apis");
        this.jwtKeys = JwtKeys.load(dataDirectory.resolve("jwt-key.json"));
        this.accessLog = new AccessLog(dataDirectory.resolve("access-logs"));
        loadApis();
        RequestPipeline pipeline = new RequestPipeline(
                lambda,
                new SigV4Verifier(credentials, region, accountId),
                new JwtVerifier(jwtKeys),
                accessLog,
                invokers,
                region,
                accountId,
                clock);
        try {
            http = LoopbackHttpServer.create(0, 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the API Gateway server", e);
        }
        http.setExecutor(serverThreads);
        http.createContext("/", new HttpApiHandler(this, pipeline));
        http.start();
    }

    /** The server's root, {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** What {@code Fn::GetAtt Api.ApiEndpoint} gives: {@code http://127.0.0.1:<port>/<apiId>}. */
    public String apiEndpoint(String apiId) {
        return endpoint() + "/" + apiId;
    }

    /** The twin's JWT key: its key set, and {@link JwtKeys#mint} for tokens its JWT authorizers accept. */
    public JwtKeys jwtKeys() {
        return jwtKeys;
    }

    /** The file a stage's access log lines go to, for its {@code AccessLogSettings.DestinationArn}. */
    public Path accessLogFile(String destinationArn) {
        return accessLog.file(destinationArn);
    }

    public List<HttpApi> apis() {
        return apis.values().stream()
                .sorted(java.util.Comparator.comparing(HttpApi::name))
                .toList();
    }

    public Optional<HttpApi> api(String apiId) {
        return Optional.ofNullable(apis.get(apiId));
    }

    /** Creates an API and returns its new id (10 lower-case letters and digits, as API Gateway's). */
    public synchronized String createApi(String name) {
        String id = newId(10);
        save(HttpApi.named(id, name));
        return id;
    }

    public synchronized void renameApi(String apiId, String name) {
        change(apiId, api -> api.withName(name));
    }

    public synchronized void deleteApi(String apiId) {
        apis.remove(apiId);
        try {
            Files.deleteIfExists(apiDirectory.resolve(apiId + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete API " + apiId, e);
        }
    }

    public synchronized void putStage(String apiId, ApiStage stage) {
        change(apiId, api -> api.withStages(stages -> stages.put(stage.name(), stage)));
    }

    public synchronized void deleteStage(String apiId, String stageName) {
        changeIfPresent(apiId, api -> api.withStages(stages -> stages.remove(stageName)));
    }

    public synchronized void putRoute(String apiId, ApiRoute route) {
        RouteMatch.check(route.routeKey());
        change(apiId, api -> api.withRoutes(routes -> routes.put(route.id(), route)));
    }

    public synchronized void deleteRoute(String apiId, String routeId) {
        changeIfPresent(apiId, api -> api.withRoutes(routes -> routes.remove(routeId)));
    }

    public synchronized void putIntegration(String apiId, ApiIntegration integration) {
        change(apiId, api -> api.withIntegrations(integrations -> integrations.put(integration.id(), integration)));
    }

    public synchronized void deleteIntegration(String apiId, String integrationId) {
        changeIfPresent(apiId, api -> api.withIntegrations(integrations -> integrations.remove(integrationId)));
    }

    public synchronized void putAuthorizer(String apiId, ApiAuthorizer authorizer) {
        change(apiId, api -> api.withAuthorizers(authorizers -> authorizers.put(authorizer.id(), authorizer)));
    }

    public synchronized void deleteAuthorizer(String apiId, String authorizerId) {
        changeIfPresent(apiId, api -> api.withAuthorizers(authorizers -> authorizers.remove(authorizerId)));
    }

    /** A new id for a route, an integration or an authorizer (7 lower-case letters and digits). */
    public static String newId(int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    @Override
    public void close() {
        http.stop(0);
        serverThreads.shutdownNow();
        invokers.shutdownNow();
    }

    private void change(String apiId, UnaryOperator<HttpApi> change) {
        HttpApi api = apis.get(apiId);
        if (api == null) {
            throw new IllegalArgumentException("no HTTP API " + apiId + " exists");
        }
        save(change.apply(api));
    }

    private void changeIfPresent(String apiId, UnaryOperator<HttpApi> change) {
        if (apis.containsKey(apiId)) {
            change(apiId, change);
        }
    }

    private void save(HttpApi api) {
        StateFiles.writeJson(apiDirectory.resolve(api.id() + ".json"), api);
        apis.put(api.id(), api);
    }

    private void loadApis() {
        if (!Files.isDirectory(apiDirectory)) {
            return;
        }
        try (Stream<Path> files = Files.list(apiDirectory)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".json"))::iterator) {
                HttpApi api = StateFiles.readJson(file, new TypeReference<HttpApi>() {}, null);
                apis.put(api.id(), api);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the APIs in " + apiDirectory, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
