package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::Queue} on the twin's SQS server. The physical id ({@code Ref}) is the queue URL; attributes
 * {@code Arn}, {@code QueueName}, {@code QueueUrl}. Encryption settings are recorded only (ElasticMQ does not
 * encrypt).
 */
public final class QueueDeployer implements ResourceDeployer {

    private static final Map<String, QueueAttributeName> ATTRIBUTES = Map.of(
            "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
            "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE,
            "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
            "RedrivePolicy", QueueAttributeName.REDRIVE_POLICY,
            "FifoQueue", QueueAttributeName.FIFO_QUEUE,
            "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION);

    private final SqsClient sqs;

    public QueueDeployer(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public String type() {
        return "AWS::SQS::Queue";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        boolean fifo = "true".equals(request.text("FifoQueue"));
        String name = request.text("QueueName") != null
                ? request.text("QueueName")
                : request.physicalName(null, fifo ? 75 : 80, false) + (fifo ? ".fifo" : "");
        String url = sqs.createQueue(b -> b.queueName(name).attributes(attributes(request.properties())))
                .queueUrl();
        return DeployedResource.of(request, url, "Arn", request.arn("sqs", name), "QueueName", name, "QueueUrl", url);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        Map<QueueAttributeName, String> attributes = attributes(request.properties());
        attributes.remove(QueueAttributeName.FIFO_QUEUE);
        if (!attributes.isEmpty()) {
            sqs.setQueueAttributes(b -> b.queueUrl(deployed.physicalId()).attributes(attributes));
        }
        return deployed.updatedBy(request);
    }

    @Override
    public DeployedResource refresh(DeployedResource deployed) {
        String name = deployed.attributes().get("QueueName").asText();
        String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
        if (url.equals(deployed.physicalId())) {
            return deployed;
        }
        ObjectNode attributes = deployed.attributes().deepCopy().put("QueueUrl", url);
        return new DeployedResource(
                deployed.logicalId(),
                deployed.type(),
                url,
                attributes,
                deployed.properties(),
                deployed.retainOnDelete(),
                deployed.stackId());
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("QueueName"), newProperties.get("QueueName"))
                || !Objects.equals(deployedProperties.get("FifoQueue"), newProperties.get("FifoQueue"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        try {
            sqs.deleteQueue(b -> b.queueUrl(deployed.physicalId()));
        } catch (QueueDoesNotExistException e) {
            // already gone
        }
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        try {
            sqs.getQueueUrl(
                    b -> b.queueName(deployed.attributes().get("QueueName").asText()));
            return true;
        } catch (QueueDoesNotExistException e) {
            return false;
        }
    }

    private static Map<QueueAttributeName, String> attributes(JsonNode properties) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        ATTRIBUTES.forEach((property, attribute) -> {
            JsonNode value = properties.get(property);
            if (value != null) {
                attributes.put(attribute, value.isObject() ? value.toString() : value.asText());
            }
        });
        return attributes;
    }
}
