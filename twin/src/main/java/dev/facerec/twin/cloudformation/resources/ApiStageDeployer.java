package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.apigateway.ApiStage;
import dev.facerec.twin.apigateway.HttpApi;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.apigateway.RouteThrottle;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code AWS::ApiGatewayV2::Stage}: {@code $default} or a named stage with its throttling
 * ({@code DefaultRouteSettings} and {@code RouteSettings}: {@code ThrottlingBurstLimit}, {@code ThrottlingRateLimit}),
 * {@code StageVariables} and {@code AccessLogSettings} ({@code DestinationArn}, {@code Format}). {@code Ref} is the
 * stage name; a new name replaces it. {@code AutoDeploy} is recorded: the twin always serves the current routes.
 */
public final class ApiStageDeployer extends ApiPartDeployer {

    public ApiStageDeployer(HttpApiService apis) {
        super(apis, "AWS::ApiGatewayV2::Stage", null);
    }

    @Override
    String newId(ResourceRequest request) {
        return request.requiredText("StageName");
    }

    @Override
    void put(String apiId, String id, ResourceRequest request) {
        JsonNode properties = request.properties();
        Map<String, RouteThrottle> routeThrottles = new LinkedHashMap<>();
        properties.path("RouteSettings").fields().forEachRemaining(route -> {
            RouteThrottle throttle = throttle(route.getValue());
            if (throttle != null) {
                routeThrottles.put(route.getKey(), throttle);
            }
        });
        Map<String, String> variables = new LinkedHashMap<>();
        properties
                .path("StageVariables")
                .fields()
                .forEachRemaining(v -> variables.put(v.getKey(), v.getValue().asText()));
        JsonNode accessLog = properties.path("AccessLogSettings");
        apis.putStage(
                apiId,
                new ApiStage(
                        id,
                        properties.path("AutoDeploy").asBoolean(false),
                        throttle(properties.path("DefaultRouteSettings")),
                        routeThrottles,
                        variables,
                        accessLog.path("DestinationArn").asText(null),
                        accessLog.path("Format").asText(null)));
    }

    @Override
    void remove(String apiId, String id) {
        apis.deleteStage(apiId, id);
    }

    @Override
    boolean has(HttpApi api, String id) {
        return api.stages().containsKey(id);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return super.requiresReplacement(deployedProperties, newProperties)
                || !Objects.equals(deployedProperties.get("StageName"), newProperties.get("StageName"));
    }

    /** The throttling of route settings, or {@code null} when they set none. */
    private static RouteThrottle throttle(JsonNode settings) {
        if (!settings.has("ThrottlingBurstLimit") && !settings.has("ThrottlingRateLimit")) {
            return null;
        }
        return new RouteThrottle(
                settings.path("ThrottlingBurstLimit").asInt(5000),
                settings.path("ThrottlingRateLimit").asDouble(10000));
    }
}
