package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.apigateway.ApiAuthorizer;
import dev.facerec.twin.apigateway.HttpApi;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AWS::ApiGatewayV2::Authorizer} of type {@code JWT}: {@code JwtConfiguration} ({@code Issuer},
 * {@code Audience}) and {@code IdentitySource} (default {@code $request.header.Authorization}). The twin accepts
 * tokens signed by its own key (see {@code JwtKeys}), not the issuer's. {@code Ref} is the authorizer id; attribute
 * {@code AuthorizerId}. Lambda authorizers ({@code REQUEST}) are refused.
 */
public final class ApiAuthorizerDeployer extends ApiPartDeployer {

    public ApiAuthorizerDeployer(HttpApiService apis) {
        super(apis, "AWS::ApiGatewayV2::Authorizer", "AuthorizerId");
    }

    @Override
    String newId(ResourceRequest request) {
        return HttpApiService.newId(7);
    }

    @Override
    void put(String apiId, String id, ResourceRequest request) {
        String type = request.requiredText("AuthorizerType");
        if (!"JWT".equals(type)) {
            throw unsupported(request, "has AuthorizerType " + type + ": the twin emulates JWT authorizers only");
        }
        String issuer =
                request.properties().path("JwtConfiguration").path("Issuer").asText(null);
        if (issuer == null) {
            throw unsupported(request, "has no JwtConfiguration.Issuer");
        }
        List<String> audience = new ArrayList<>();
        request.properties().path("JwtConfiguration").path("Audience").forEach(a -> audience.add(a.asText()));
        String identitySource =
                request.properties().path("IdentitySource").path(0).asText("");
        apis.putAuthorizer(
                apiId,
                new ApiAuthorizer(
                        id,
                        request.text("Name"),
                        issuer,
                        audience,
                        identitySource.isEmpty() ? "$request.header.Authorization" : identitySource));
    }

    @Override
    void remove(String apiId, String id) {
        apis.deleteAuthorizer(apiId, id);
    }

    @Override
    boolean has(HttpApi api, String id) {
        return api.authorizers().containsKey(id);
    }
}
