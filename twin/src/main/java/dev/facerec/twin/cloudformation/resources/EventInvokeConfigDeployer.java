package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.lambda.EventInvokeConfig;
import dev.facerec.twin.lambda.LambdaService;
import java.time.Duration;

/**
 * {@code AWS::Lambda::EventInvokeConfig}: retries, maximum event age and destinations of a function's asynchronous
 * invocations, on the twin's Lambda.
 */
public final class EventInvokeConfigDeployer implements ResourceDeployer {

    private final LambdaService lambda;

    public EventInvokeConfigDeployer(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::EventInvokeConfig";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String function = functionName(request.requiredText("FunctionName"));
        lambda.putEventInvokeConfig(function, configuration(request));
        return DeployedResource.of(request, function + "$" + request.requiredText("Qualifier"));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        return create(request);
    }

    @Override
    public void delete(DeployedResource deployed) {
        String function =
                functionName(deployed.properties().path("FunctionName").asText());
        if (lambda.function(function).isPresent()) {
            lambda.putEventInvokeConfig(function, null);
        }
    }

    private static EventInvokeConfig configuration(ResourceRequest request) {
        JsonNode destinations = request.properties().path("DestinationConfig");
        return new EventInvokeConfig(
                request.integer("MaximumRetryAttempts", EventInvokeConfig.DEFAULT.maximumRetryAttempts()),
                Duration.ofSeconds(request.integer("MaximumEventAgeInSeconds", (int)
                        EventInvokeConfig.DEFAULT.maximumEventAge().toSeconds())),
                text(destinations.path("OnSuccess").path("Destination")),
                text(destinations.path("OnFailure").path("Destination")));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static String functionName(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? nameOrArn.split(":")[6] : nameOrArn;
    }
}
