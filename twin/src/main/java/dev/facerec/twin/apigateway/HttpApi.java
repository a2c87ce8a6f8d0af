package dev.facerec.twin.apigateway;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An HTTP API and its parts, as deployed: routes, integrations, authorizers and stages, each by id (stages by name).
 *
 * @param id the API id (what {@code Ref} gives, and the first path segment of its local endpoint)
 * @param name the API's name
 * @param routes by route id
 * @param integrations by integration id
 * @param authorizers by authorizer id
 * @param stages by stage name
 */
public record HttpApi(
        String id,
        String name,
        Map<String, ApiRoute> routes,
        Map<String, ApiIntegration> integrations,
        Map<String, ApiAuthorizer> authorizers,
        Map<String, ApiStage> stages) {

    public HttpApi {
        routes = Map.copyOf(routes == null ? Map.of() : routes);
        integrations = Map.copyOf(integrations == null ? Map.of() : integrations);
        authorizers = Map.copyOf(authorizers == null ? Map.of() : authorizers);
        stages = Map.copyOf(stages == null ? Map.of() : stages);
    }

    public static HttpApi named(String id, String name) {
        return new HttpApi(id, name, null, null, null, null);
    }

    HttpApi withName(String newName) {
        return new HttpApi(id, newName, routes, integrations, authorizers, stages);
    }

    HttpApi withRoutes(Consumer<Map<String, ApiRoute>> change) {
        return new HttpApi(id, name, changed(routes, change), integrations, authorizers, stages);
    }

    HttpApi withIntegrations(Consumer<Map<String, ApiIntegration>> change) {
        return new HttpApi(id, name, routes, changed(integrations, change), authorizers, stages);
    }

    HttpApi withAuthorizers(Consumer<Map<String, ApiAuthorizer>> change) {
        return new HttpApi(id, name, routes, integrations, changed(authorizers, change), stages);
    }

    HttpApi withStages(Consumer<Map<String, ApiStage>> change) {
        return new HttpApi(id, name, routes, integrations, authorizers, changed(stages, change));
    }

    private static <T> Map<String, T> changed(Map<String, T> values, Consumer<Map<String, T>> change) {
        Map<String, T> copy = new LinkedHashMap<>(values);
        change.accept(copy);
        return copy;
    }
}
