package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;

/**
 * {@code AWS::ApiGatewayV2::Api} with {@code ProtocolType: HTTP} on the twin's API Gateway. {@code Ref} is the API
 * id; attributes {@code ApiId} and {@code ApiEndpoint}, the local URL {@code http://127.0.0.1:<port>/<apiId>} (read
 * again on every deployment, as the port changes between runs). WebSocket APIs, OpenAPI bodies and quick create
 * ({@code Target}, {@code RouteKey}) are refused; {@code CorsConfiguration} and {@code DisableExecuteApiEndpoint}
 * are recorded only.
 */
public final class HttpApiDeployer implements ResourceDeployer {

    private final HttpApiService apis;

    public HttpApiDeployer(HttpApiService apis) {
        this.apis = apis;
    }

    @Override
    public String type() {
        return "AWS::ApiGatewayV2::Api";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        check(request);
        String id = apis.createApi(name(request));
        return DeployedResource.of(request, id, "ApiId", id, "ApiEndpoint", apis.apiEndpoint(id));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        check(request);
        apis.renameApi(deployed.physicalId(), name(request));
        return deployed.updatedBy(request);
    }

    @Override
    public void delete(DeployedResource deployed) {
        apis.deleteApi(deployed.physicalId());
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return apis.api(deployed.physicalId()).isPresent();
    }

    @Override
    public DeployedResource refresh(DeployedResource deployed) {
        return deployed.withAttributes(
                deployed.attributes().deepCopy().put("ApiEndpoint", apis.apiEndpoint(deployed.physicalId())));
    }

    private static String name(ResourceRequest request) {
        String name = request.text("Name");
        return name == null ? request.logicalId() : name;
    }

    private static void check(ResourceRequest request) {
        String protocol = request.text("ProtocolType");
        if (!"HTTP".equals(protocol)) {
            throw ApiPartDeployer.unsupported(
                    request, "has ProtocolType " + protocol + ": the twin emulates HTTP APIs only, not WebSocket APIs");
        }
        for (String property : new String[] {"Body", "BodyS3Location", "Target", "RouteKey"}) {
            if (request.properties().has(property)) {
                throw ApiPartDeployer.unsupported(
                        request,
                        "sets " + property + ": the twin deploys HTTP APIs from their Route, Integration and Stage "
                                + "resources only (no OpenAPI import, no quick create)");
            }
        }
    }
}
