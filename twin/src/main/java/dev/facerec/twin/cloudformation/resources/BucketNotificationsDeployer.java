package dev.facerec.twin.cloudformation.resources;

import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.notifications.NotificationService;

/**
 * CDK's {@code Custom::S3BucketNotifications}, read natively: its {@code NotificationConfiguration} property becomes
 * the bucket's notification configuration on the twin; CDK's Python handler is not run.
 */
public final class BucketNotificationsDeployer implements ResourceDeployer {

    private final NotificationService notifications;

    public BucketNotificationsDeployer(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public String type() {
        return "Custom::S3BucketNotifications";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String bucket = request.requiredText("BucketName");
        notifications.putConfiguration(bucket, request.properties().path("NotificationConfiguration"));
        return DeployedResource.of(request, request.stackId() + "-" + request.logicalId());
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        String oldBucket = deployed.properties().path("BucketName").asText();
        if (!oldBucket.equals(request.requiredText("BucketName"))) {
            notifications.deleteConfiguration(oldBucket);
        }
        create(request);
        return deployed.updatedBy(request);
    }

    @Override
    public void delete(DeployedResource deployed) {
        notifications.deleteConfiguration(
                deployed.properties().path("BucketName").asText());
    }
}
