package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.apigateway.ApiRoute;
import dev.facerec.twin.apigateway.HttpApi;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AWS::ApiGatewayV2::Route}: {@code RouteKey} ({@code METHOD /path} or {@code $default}), {@code Target}
 * ({@code integrations/<id>}), {@code AuthorizationType} {@code NONE}, {@code AWS_IAM} or {@code JWT} (with
 * {@code AuthorizerId} and optional {@code AuthorizationScopes}). {@code Ref} is the route id; attribute
 * {@code RouteId}. Lambda authorizers ({@code CUSTOM}) are refused.
 */
public final class ApiRouteDeployer extends ApiPartDeployer {

    private static final String TARGET_PREFIX = "integrations/";

    public ApiRouteDeployer(HttpApiService apis) {
        super(apis, "AWS::ApiGatewayV2::Route", "RouteId");
    }

    @Override
    String newId(ResourceRequest request) {
        return HttpApiService.newId(7);
    }

    @Override
    void put(String apiId, String id, ResourceRequest request) {
        String authorizationType =
                request.text("AuthorizationType") == null ? "NONE" : request.text("AuthorizationType");
        if (!List.of("NONE", "AWS_IAM", "JWT").contains(authorizationType)) {
            throw unsupported(
                    request,
                    "has AuthorizationType " + authorizationType
                            + ": the twin emulates NONE, AWS_IAM and JWT (no Lambda authorizers)");
        }
        if (authorizationType.equals("JWT") && request.text("AuthorizerId") == null) {
            throw unsupported(request, "has AuthorizationType JWT without an AuthorizerId");
        }
        String target = request.text("Target");
        if (target != null && !target.startsWith(TARGET_PREFIX)) {
            throw unsupported(request, "has Target " + target + ", which is not integrations/<integration id>");
        }
        List<String> scopes = new ArrayList<>();
        request.properties().path("AuthorizationScopes").forEach((JsonNode scope) -> scopes.add(scope.asText()));
        try {
            apis.putRoute(
                    apiId,
                    new ApiRoute(
                            id,
                            request.requiredText("RouteKey"),
                            target == null ? null : target.substring(TARGET_PREFIX.length()),
                            authorizationType,
                            request.text("AuthorizerId"),
                            scopes));
        } catch (IllegalArgumentException e) {
            throw unsupported(request, "has an invalid route key: " + e.getMessage());
        }
    }

    @Override
    void remove(String apiId, String id) {
        apis.deleteRoute(apiId, id);
    }

    @Override
    boolean has(HttpApi api, String id) {
        return api.routes().containsKey(id);
    }
}
