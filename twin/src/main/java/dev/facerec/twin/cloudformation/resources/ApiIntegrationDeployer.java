package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.apigateway.ApiIntegration;
import dev.facerec.twin.apigateway.HttpApi;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.ResourceRequest;

/**
 * {@code AWS::ApiGatewayV2::Integration}: a Lambda proxy integration ({@code IntegrationType: AWS_PROXY}) with
 * {@code PayloadFormatVersion: "2.0"}, whose {@code IntegrationUri} is a function, version or alias ARN (or API
 * Gateway's {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations} form), and
 * {@code TimeoutInMillis} 50 to 30000 (default 30000). {@code Ref} is the integration id; attribute
 * {@code IntegrationId}. Other integration types and payload format 1.0 are refused.
 */
public final class ApiIntegrationDeployer extends ApiPartDeployer {

    private static final String PATH_FORM = ":lambda:path/2015-03-31/functions/";

    public ApiIntegrationDeployer(HttpApiService apis) {
        super(apis, "AWS::ApiGatewayV2::Integration", "IntegrationId");
    }

    @Override
    String newId(ResourceRequest request) {
        return HttpApiService.newId(7);
    }

    @Override
    void put(String apiId, String id, ResourceRequest request) {
        String type = request.requiredText("IntegrationType");
        if (!"AWS_PROXY".equals(type)) {
            throw unsupported(
                    request,
                    "has IntegrationType " + type + ": the twin emulates Lambda proxy integrations (AWS_PROXY) only");
        }
        String version = request.text("PayloadFormatVersion");
        if (!"2.0".equals(version)) {
            throw unsupported(
                    request,
                    "has PayloadFormatVersion " + version
                            + ": the twin emulates payload format 2.0 only (set PayloadFormatVersion: \"2.0\")");
        }
        int timeout = request.integer("TimeoutInMillis", 30_000);
        if (timeout < 50 || timeout > 30_000) {
            throw unsupported(request, "has TimeoutInMillis " + timeout + ", outside 50 to 30000");
        }
        String uri = request.requiredText("IntegrationUri");
        int path = uri.indexOf(PATH_FORM);
        String function =
                path < 0 ? uri : uri.substring(path + PATH_FORM.length()).replaceFirst("/invocations$", "");
        if (!function.startsWith("arn:aws:lambda:")) {
            throw unsupported(request, "has IntegrationUri " + uri + ", which is not a Lambda function ARN");
        }
        apis.putIntegration(apiId, new ApiIntegration(id, function, timeout, request.text("CredentialsArn")));
    }

    @Override
    void remove(String apiId, String id) {
        apis.deleteIntegration(apiId, id);
    }

    @Override
    boolean has(HttpApi api, String id) {
        return api.integrations().containsKey(id);
    }
}
