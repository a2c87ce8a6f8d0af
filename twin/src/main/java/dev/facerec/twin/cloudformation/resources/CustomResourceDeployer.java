package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import dev.facerec.twin.lambda.InvocationResult;
import dev.facerec.twin.lambda.LambdaService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Custom resources ({@code Custom::*}, {@code AWS::CloudFormation::CustomResource}) backed by a Lambda function: the
 * function named by {@code ServiceToken} is invoked synchronously with CloudFormation's request
 * ({@code RequestType}, {@code ResponseURL}, {@code StackId}, {@code RequestId}, {@code LogicalResourceId},
 * {@code ResourceType}, {@code ResourceProperties} with every scalar as a string, {@code OldResourceProperties},
 * {@code PhysicalResourceId}), and the deployment waits for the response the function {@code PUT}s to the response
 * URL. {@code FAILED} stops the deployment with the provider's reason; {@code Data} becomes the
 * {@code Fn::GetAtt} attributes. Unlike CloudFormation, which waits up to an hour, a function that fails without
 * answering fails the resource at once.
 */
public final class CustomResourceDeployer implements ResourceDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaService lambda;
    private final CustomResourceResponses responses;
    private final Duration responseTimeout;

    /**
     * @param responseTimeout how long to wait for the response after the function returned
     */
    public CustomResourceDeployer(LambdaService lambda, CustomResourceResponses responses, Duration responseTimeout) {
        this.lambda = lambda;
        this.responses = responses;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public String type() {
        return "AWS::CloudFormation::CustomResource";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        JsonNode response = call(request.requiredText("ServiceToken"), event(request, "Create", null, null));
        return DeployedResource.of(request, physicalId(request, response)).withAttributes(data(response));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        JsonNode response = call(
                request.requiredText("ServiceToken"),
                event(request, "Update", deployed.physicalId(), deployed.properties()));
        String physicalId = physicalId(request, response);
        if (!physicalId.equals(deployed.physicalId())) {
            delete(deployed);
        }
        return new DeployedResource(
                deployed.logicalId(),
                deployed.type(),
                physicalId,
                data(response),
                request.properties(),
                request.retainOnDelete(),
                request.stackId());
    }

    @Override
    public void delete(DeployedResource deployed) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", "Delete");
        event.put("StackId", deployed.stackId());
        event.put("LogicalResourceId", deployed.logicalId());
        event.put("ResourceType", deployed.type());
        event.put("PhysicalResourceId", deployed.physicalId());
        event.set("ResourceProperties", stringified(deployed.properties()));
        call(deployed.properties().path("ServiceToken").asText(), event);
    }

    private ObjectNode event(ResourceRequest request, String requestType, String physicalId, JsonNode oldProperties) {
        ObjectNode event = JSON.createObjectNode();
        event.put("RequestType", requestType);
        event.put("StackId", request.stackId());
        event.put("LogicalResourceId", request.logicalId());
        event.put("ResourceType", request.type());
        event.set("ResourceProperties", stringified(request.properties()));
        if (oldProperties != null) {
            event.set("OldResourceProperties", stringified(oldProperties));
        }
        if (physicalId != null) {
            event.put("PhysicalResourceId", physicalId);
        }
        return event;
    }

    private JsonNode call(String serviceToken, ObjectNode event) {
        if (!serviceToken.startsWith("arn:aws:lambda:")) {
            throw new TemplateException(
                    "custom resource " + event.path("LogicalResourceId").asText() + " has the ServiceToken "
                            + serviceToken + "; the twin supports Lambda-backed custom resources only");
        }
        String requestId = UUID.randomUUID().toString();
        event.put("ServiceToken", serviceToken);
        event.put("RequestId", requestId);
        event.put("ResponseURL", responses.responseUrl(requestId));
        CompletableFuture<JsonNode> response = responses.expect(requestId);
        try {
            InvocationResult result =
                    lambda.invoke(serviceToken, event.toString().getBytes(StandardCharsets.UTF_8));
            if (result.failed() && !response.isDone()) {
                throw new TemplateException(
                        "the custom resource provider failed without answering: " + result.payloadText());
            }
            JsonNode answer = response.get(responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!"SUCCESS".equals(answer.path("Status").asText())) {
                throw new TemplateException("the custom resource provider answered "
                        + answer.path("Status").asText() + ": "
                        + answer.path("Reason").asText("no reason given"));
            }
            return answer;
        } catch (TimeoutException e) {
            throw new TemplateException("the custom resource provider sent no response to its ResponseURL within "
                    + responseTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("interrupted while waiting for a custom resource response", e);
        } catch (ExecutionException e) {
            throw new TemplateException("the custom resource response could not be read: "
                    + e.getCause().getMessage());
        } finally {
            responses.forget(requestId);
        }
    }

    private static String physicalId(ResourceRequest request, JsonNode response) {
        String physicalId = response.path("PhysicalResourceId").asText("");
        if (physicalId.isEmpty()) {
            throw new TemplateException("the custom resource provider of " + request.logicalId()
                    + " answered without a PhysicalResourceId");
        }
        return physicalId;
    }

    private static ObjectNode data(JsonNode response) {
        JsonNode data = response.get("Data");
        return data != null && data.isObject() ? (ObjectNode) data.deepCopy() : JSON.createObjectNode();
    }

    /** CloudFormation hands custom resource properties over with every number and boolean as a string. */
    static JsonNode stringified(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            value.fields().forEachRemaining(e -> copy.set(e.getKey(), stringified(e.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            value.forEach(element -> copy.add(stringified(element)));
            return copy;
        }
        return value.isNull() ? value : JSON.getNodeFactory().textNode(value.asText());
    }
}
