package dev.facerec.twin.apigateway;

import java.util.Map;

/**
 * A stage of an HTTP API ({@code AWS::ApiGatewayV2::Stage}): {@code $default} serves at the API's root, a named stage
 * under {@code /<name>}.
 *
 * @param name the stage name
 * @param autoDeploy recorded; the twin always serves the API's current routes
 * @param defaultRouteThrottle {@code DefaultRouteSettings}' throttling, or {@code null} for none
 * @param routeThrottles {@code RouteSettings}' throttling, by route key
 * @param variables the stage variables
 * @param accessLogDestination the access log's log group ARN, or {@code null}
 * @param accessLogFormat the access log line's format ({@code $context.*} variables), or {@code null}
 */
public record ApiStage(
        String name,
        boolean autoDeploy,
        RouteThrottle defaultThrottle,
        Map<String, RouteThrottle> routeThrottles,
        Map<String, String> variables,
        String accessLogDestination,
        String accessLogFormat) {

    public static final String DEFAULT = "$default";

    public ApiStage {
        routeThrottles = Map.copyOf(routeThrottles == null ? Map.of() : routeThrottles);
        variables = Map.copyOf(variables == null ? Map.of() : variables);
    }

    /** The throttling of a route: its own settings, else the stage's default ones, else none ({@code null}). */
    public RouteThrottle throttleFor(String routeKey) {
        return routeThrottles.getOrDefault(routeKey, defaultThrottle);
    }
}
