package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.lambda.FunctionPermission;
import dev.facerec.twin.lambda.FunctionReference;
import dev.facerec.twin.lambda.LambdaService;

/**
 * {@code AWS::Lambda::Permission}: a statement of the function's (or version's, or alias's) resource-based policy.
 * The twin's API Gateway checks it before invoking an integration (no matching statement: 500, as on AWS); other
 * callers (S3 notifications, EventBridge rules) invoke without checking. {@code Ref} is the statement id. Every
 * change replaces it, as in CloudFormation.
 */
public final class PermissionDeployer implements ResourceDeployer {

    private final LambdaService lambda;

    public PermissionDeployer(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Permission";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String statementId = request.physicalName(null, 64, false);
        lambda.addPermission(
                statementId,
                new FunctionPermission(
                        FunctionReference.parse(request.requiredText("FunctionName")),
                        request.requiredText("Action"),
                        request.requiredText("Principal"),
                        request.text("SourceArn"),
                        request.text("SourceAccount")));
        return DeployedResource.of(request, statementId);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return true;
    }

    @Override
    public void delete(DeployedResource deployed) {
        lambda.removePermission(deployed.physicalId());
    }

    /** A statement missing from the policy (e.g. one recorded by an older twin) is added again. */
    @Override
    public boolean exists(DeployedResource deployed) {
        return lambda.hasPermission(deployed.physicalId());
    }
}
