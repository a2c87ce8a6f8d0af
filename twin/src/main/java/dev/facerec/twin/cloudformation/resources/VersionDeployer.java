package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.lambda.FunctionReference;
import dev.facerec.twin.lambda.LambdaService;

/**
 * {@code AWS::Lambda::Version}: publishes a version of the function (numbers count up from 1). {@code Ref} is the
 * version's ARN; attributes {@code Version} (the number) and {@code FunctionArn} (the version's ARN). Every change
 * replaces it, as CloudFormation publishes a new version. The version runs the function's current code; with SnapStart
 * on, publishing returns once an environment of it is initialised (see {@code LambdaService#publishVersion}).
 */
public final class VersionDeployer implements ResourceDeployer {

    private final LambdaService lambda;

    public VersionDeployer(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Version";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String function =
                FunctionReference.parse(request.requiredText("FunctionName")).name();
        String version = lambda.publishVersion(function);
        String arn = new FunctionReference(function, version).arn(request.region(), request.accountId());
        return DeployedResource.of(request, arn, "Version", version, "FunctionArn", arn);
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
        FunctionReference version = FunctionReference.parse(deployed.physicalId());
        lambda.deleteVersion(version.name(), version.qualifier());
    }
}
