package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.sqs.QueueAttributeStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code AWS::SQS::Queue} on the twin's SQS server. The physical id ({@code Ref}) is the queue URL; attributes
 * {@code Arn}, {@code QueueName}, {@code QueueUrl}. {@code VisibilityTimeout}, {@code RedrivePolicy} (ElasticMQ moves
 * a message to the dead-letter queue when a receive would exceed {@code maxReceiveCount}), {@code DelaySeconds} and
 * {@code ReceiveMessageWaitTimeSeconds} act on ElasticMQ; the retention period, the maximum message size and the
 * encryption settings are kept in the {@link QueueAttributeStore} (ElasticMQ neither keeps nor enforces them, and
 * does not encrypt).
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
    private final QueueAttributeStore kept;

    public QueueDeployer(SqsClient sqs, QueueAttributeStore kept) {
        this.sqs = sqs;
        this.kept = kept;
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
        keep(name, request.properties());
        return DeployedResource.of(request, url, "Arn", request.arn("sqs", name), "QueueName", name, "QueueUrl", url);
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        Map<QueueAttributeName, String> attributes = attributes(request.properties());
        attributes.remove(QueueAttributeName.FIFO_QUEUE);
        if (!attributes.isEmpty()) {
            sqs.setQueueAttributes(b -> b.queueUrl(deployed.physicalId()).attributes(attributes));
        }
        keep(deployed.attributes().get("QueueName").asText(), request.properties());
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
        kept.delete(deployed.attributes().get("QueueName").asText());
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

    /** Keeps the attributes ElasticMQ does not (the queue policy is the {@code AWS::SQS::QueuePolicy}'s business). */
    private void keep(String queueName, JsonNode properties) {
        Map<String, String> values = new HashMap<>();
        QueueAttributeStore.NAMES.stream()
                .filter(name -> !"Policy".equals(name))
                .forEach(name -> {
                    JsonNode value = properties.get(name);
                    values.put(name, value == null || value.isNull() ? null : value.asText());
                });
        kept.put(queueName, values);
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
