package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import dev.facerec.twin.cloudformation.TemplateException;
import dev.facerec.twin.lambda.FunctionConfiguration;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LoggingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code AWS::Lambda::Function} on the twin's Lambda, with its code taken from the cloud assembly's asset (the S3
 * key CDK gives it). Inline code ({@code ZipFile}) is recorded but cannot run; container images are not supported.
 * {@code Ref} is the function name; attribute {@code Arn}. {@code SnapStart} {@code ApplyOn: PublishedVersions} makes
 * the twin initialise a published version's environments before their first invocation (see LambdaService).
 */
public final class FunctionDeployer implements ResourceDeployer {

    private final LambdaService lambda;

    public FunctionDeployer(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public String type() {
        return "AWS::Lambda::Function";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        String name = request.physicalName("FunctionName", 64, false);
        lambda.putFunction(configuration(request, name));
        return DeployedResource.of(request, name, "Arn", lambda.functionArn(name));
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        lambda.putFunction(configuration(request, deployed.physicalId()));
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("FunctionName"), newProperties.get("FunctionName"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        lambda.deleteFunction(deployed.physicalId());
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        return lambda.function(deployed.physicalId()).isPresent();
    }

    private static FunctionConfiguration configuration(ResourceRequest request, String name) {
        JsonNode properties = request.properties();
        Map<String, String> environment = new LinkedHashMap<>();
        properties
                .path("Environment")
                .path("Variables")
                .fields()
                .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        JsonNode reserved = properties.get("ReservedConcurrentExecutions");
        return new FunctionConfiguration(
                name,
                request.text("Handler"),
                request.text("Runtime"),
                request.integer("MemorySize", FunctionConfiguration.DEFAULT_MEMORY_MB),
                Duration.ofSeconds(request.integer("Timeout", (int) FunctionConfiguration.DEFAULT_TIMEOUT.toSeconds())),
                environment,
                code(request),
                reserved == null ? null : reserved.asInt(),
                request.text("Role"),
                logging(properties.path("LoggingConfig")),
                "PublishedVersions"
                        .equals(properties.path("SnapStart").path("ApplyOn").asText()));
    }

    /** {@code LoggingConfig}'s format and levels ({@code LogGroup} is the log group's business, not the runtime's). */
    private static LoggingConfig logging(JsonNode config) {
        if (config.isMissingNode() || config.isNull()) {
            return LoggingConfig.TEXT;
        }
        return new LoggingConfig(
                textOrNull(config, "LogFormat"),
                textOrNull(config, "ApplicationLogLevel"),
                textOrNull(config, "SystemLogLevel"));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Path code(ResourceRequest request) {
        JsonNode code = request.properties().path("Code");
        if (code.has("S3Key")) {
            return request.assets()
                    .locate(
                            code.path("S3Bucket").asText(),
                            code.get("S3Key").asText(),
                            "function " + request.logicalId());
        }
        if (code.has("ZipFile")) {
            return null;
        }
        throw new TemplateException("function " + request.logicalId() + " has code the twin cannot run: " + code
                + " (the twin runs S3 assets of the cloud assembly)");
    }
}
