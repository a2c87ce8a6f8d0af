package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The recorded-only resource types, each with the physical id and attributes CloudFormation gives it. */
public final class RecordedResources {

    private static final Logger LOG = System.getLogger(RecordedResources.class.getName());

    private RecordedResources() {}

    public static List<ResourceDeployer> all() {
        return List.of(
                new RecordedResourceDeployer("AWS::IAM::Role", RecordedResources::role),
                new RecordedResourceDeployer(
                        "AWS::IAM::Policy",
                        r -> DeployedResource.of(r, r.physicalName(null, 128, false), "Id", r.logicalId())),
                new RecordedResourceDeployer("AWS::IAM::ManagedPolicy", RecordedResources::managedPolicy),
                new RecordedResourceDeployer("AWS::KMS::Key", RecordedResources::key),
                new RecordedResourceDeployer(
                        "AWS::KMS::Alias", r -> DeployedResource.of(r, r.requiredText("AliasName"))),
                new RecordedResourceDeployer("AWS::Logs::LogGroup", RecordedResources::logGroup),
                new RecordedResourceDeployer(
                        "AWS::S3::BucketPolicy", r -> DeployedResource.of(r, r.requiredText("Bucket"))),
                // The browsers' identity pool of Face Liveness: the twin has no Cognito (nor the video challenge).
                new RecordedResourceDeployer("AWS::Cognito::IdentityPool", RecordedResources::identityPool),
                new RecordedResourceDeployer(
                        "AWS::Cognito::IdentityPoolRoleAttachment",
                        r -> DeployedResource.of(r, UUID.randomUUID().toString())),
                new RecordedResourceDeployer(
                        "AWS::CDK::Metadata",
                        r -> DeployedResource.of(r, UUID.randomUUID().toString())));
    }

    private static DeployedResource role(ResourceRequest request) {
        String name = request.physicalName("RoleName", 64, false);
        String path = request.text("Path") == null ? "/" : request.text("Path");
        return DeployedResource.of(
                request,
                name,
                "Arn",
                "arn:aws:iam::" + request.accountId() + ":role" + path + name,
                "RoleId",
                "AROA"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 17)
                                .toUpperCase(Locale.ROOT));
    }

    private static DeployedResource identityPool(ResourceRequest request) {
        String id = request.region() + ":" + UUID.randomUUID();
        String name = request.text("IdentityPoolName") != null ? request.text("IdentityPoolName") : request.logicalId();
        return DeployedResource.of(request, id, "Name", name, "Id", id);
    }

    private static DeployedResource managedPolicy(ResourceRequest request) {
        String name = request.physicalName("ManagedPolicyName", 128, false);
        String arn = "arn:aws:iam::" + request.accountId() + ":policy/" + name;
        return DeployedResource.of(request, arn, "PolicyArn", arn);
    }

    /**
     * A KMS key gets a key id and ARN, and nothing encrypts with it: the twin emulates no KMS. The services take the
     * properties that name it ({@code BucketEncryption}, {@code SSESpecification}, {@code KmsMasterKeyId}, a log
     * group's {@code KmsKeyId}) and store data unencrypted; reported once per key as it is deployed.
     */
    private static DeployedResource key(ResourceRequest request) {
        LOG.log(
                Level.WARNING,
                "KMS key " + request.logicalId() + " is recorded only (KMS is not emulated): the twin's services"
                        + " store data unencrypted and its key policy is not evaluated");
        String id = UUID.randomUUID().toString();
        return DeployedResource.of(request, id, "Arn", request.arn("kms", "key/" + id), "KeyId", id);
    }

    private static DeployedResource logGroup(ResourceRequest request) {
        String name = request.physicalName("LogGroupName", 512, false);
        return DeployedResource.of(request, name, "Arn", request.arn("logs", "log-group:" + name + ":*"));
    }
}
