package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.kinesisvideo.KinesisVideoService;
import java.util.Objects;

/**
 * {@code AWS::KinesisVideo::Stream}, recorded in the twin's {@link KinesisVideoService} (no media is ingested):
 * {@code Ref} is the stream name, attribute {@code Arn}. Retention, key and media type are recorded only. A new
 * {@code Name} replaces the stream, as in CloudFormation.
 */
public final class KinesisVideoStreamDeployer implements ResourceDeployer {

    private final KinesisVideoService streams;

    public KinesisVideoStreamDeployer(KinesisVideoService streams) {
        this.streams = streams;
    }

    @Override
    public String type() {
        return "AWS::KinesisVideo::Stream";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String name = request.physicalName("Name", 256, false);
        return DeployedResource.of(request, name, "Arn", streams.createStream(name));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("Name"), newProperties.get("Name"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        streams.deleteStream(deployed.physicalId());
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return streams.stream(deployed.physicalId()).isPresent();
    }
}
