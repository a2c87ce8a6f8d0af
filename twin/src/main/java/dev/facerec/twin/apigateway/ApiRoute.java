package dev.facerec.twin.apigateway;

import java.util.List;

/**
 * A route of an HTTP API ({@code AWS::ApiGatewayV2::Route}).
 *
 * @param id the route id
 * @param routeKey {@code METHOD /path} (path variables {@code {name}}, a final greedy {@code {name+}}; method
 *     {@code ANY}) or {@code $default}
 * @param integrationId the integration its {@code Target} ({@code integrations/<id>}) names; {@code null} when none
 * @param authorizationType {@code NONE}, {@code AWS_IAM} or {@code JWT}
 * @param authorizerId the JWT authorizer, for {@code JWT}
 * @param authorizationScopes the scopes a JWT must carry one of (none: any token)
 */
public record ApiRoute(
        String id,
        String routeKey,
        String integrationId,
        String authorizationType,
        String authorizerId,
        List<String> authorizationScopes) {

    public ApiRoute {
        authorizationScopes = List.copyOf(authorizationScopes == null ? List.of() : authorizationScopes);
    }
}
