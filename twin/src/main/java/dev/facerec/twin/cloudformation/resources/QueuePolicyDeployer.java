package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.sqs.QueueAttributeStore;
import dev.facerec.twin.sqs.SqsServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code AWS::SQS::QueuePolicy}: the {@code PolicyDocument} becomes the {@code Policy} attribute of every queue in
 * {@code Queues} (URLs), kept in the {@link QueueAttributeStore}; S3 reads it before it notifies a queue. Deleting the
 * resource removes the queues' policy, as CloudFormation does. SQS itself does not enforce it on the twin.
 */
public final class QueuePolicyDeployer implements ResourceDeployer {

    private final QueueAttributeStore kept;

    public QueuePolicyDeployer(QueueAttributeStore kept) {
        this.kept = kept;
    }

    @Override
    public String type() {
        return "AWS::SQS::QueuePolicy";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        apply(request.properties());
        return DeployedResource.of(request, request.physicalName(null, 128, false), "Id", request.logicalId());
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        List<String> dropped = new ArrayList<>(queueNames(deployed.properties()));
        dropped.removeAll(queueNames(request.properties()));
        dropped.forEach(queue -> kept.put(queue, Collections.singletonMap("Policy", null)));
        apply(request.properties());
        return deployed.updatedBy(request);
    }

    @Override
    public void delete(DeployedResource deployed) {
        queueNames(deployed.properties()).forEach(queue -> kept.put(queue, Collections.singletonMap("Policy", null)));
    }

    private void apply(JsonNode properties) {
        String policy = properties.path("PolicyDocument").toString();
        queueNames(properties).forEach(queue -> kept.put(queue, Map.of("Policy", policy)));
    }

    private static List<String> queueNames(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.path("Queues").forEach(url -> names.add(SqsServer.queueName(url.asText())));
        return names;
    }
}
