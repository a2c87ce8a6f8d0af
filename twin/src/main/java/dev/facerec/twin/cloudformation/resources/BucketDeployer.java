package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code AWS::S3::Bucket} on the twin's S3 server. {@code Ref} is the bucket name; attributes {@code Arn},
 * {@code DomainName}, {@code RegionalDomainName}, {@code DualStackDomainName}, {@code WebsiteURL}. Versioning is
 * applied when the template enables it and the S3 store supports it (s3proxy's filesystem store does not: then it is
 * recorded only, with a warning); encryption, public access blocks, logging and lifecycle rules are recorded only.
 */
public final class BucketDeployer implements ResourceDeployer {

    private static final Logger LOG = System.getLogger(BucketDeployer.class.getName());
    private static final int NOT_IMPLEMENTED = 501;

    private final S3Client s3;

    public BucketDeployer(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public String type() {
        return "AWS::S3::Bucket";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String name = request.physicalName("BucketName", 63, true);
        s3.createBucket(b -> b.bucket(name));
        applyVersioning(request, name);
        return DeployedResource.of(
                request,
                name,
                "Arn",
                "arn:aws:s3:::" + name,
                "DomainName",
                name + ".s3.amazonaws.com",
                "RegionalDomainName",
                name + ".s3." + request.region() + ".amazonaws.com",
                "DualStackDomainName",
                name + ".s3.dualstack." + request.region() + ".amazonaws.com",
                "WebsiteURL",
                "http://" + name + ".s3-website-" + request.region() + ".amazonaws.com");
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        applyVersioning(request, deployed.physicalId());
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("BucketName"), newProperties.get("BucketName"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        try {
            s3.deleteBucket(b -> b.bucket(deployed.physicalId()));
        } catch (NoSuchBucketException e) {
            // already gone
        } catch (S3Exception e) {
            throw new TemplateException(
                    "cannot delete bucket " + deployed.physicalId() + " ("
                            + e.awsErrorDetails().errorCode() + "): empty it first, as CloudFormation requires",
                    e);
        }
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        try {
            s3.headBucket(b -> b.bucket(deployed.physicalId()));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        }
    }

    private void applyVersioning(ResourceRequest request, String bucket) {
        String status = request.properties()
                .path("VersioningConfiguration")
                .path("Status")
                .asText("");
        if (!status.isEmpty()) {
            try {
                s3.putBucketVersioning(b -> b.bucket(bucket)
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.fromValue(status))));
            } catch (S3Exception e) {
                if (e.statusCode() != NOT_IMPLEMENTED) {
                    throw e;
                }
                LOG.log(
                        Level.WARNING,
                        "bucket " + bucket + ": the twin's S3 store does not keep versions; versioning " + status
                                + " is recorded only and objects get no version ids");
            }
        }
    }
}
