package dev.facerec.twin.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.twin.cloudformation.DeployedResource;
import dev.facerec.twin.cloudformation.ResourceDeployer;
import dev.facerec.twin.cloudformation.ResourceRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code AWS::DynamoDB::Table} on DynamoDB Local: keys, billing mode, global and local secondary indexes, streams and
 * time to live. {@code Ref} is the table name; attributes {@code Arn} and {@code StreamArn}. Point-in-time recovery,
 * encryption and deletion protection are recorded only. A change of name, keys or local indexes replaces the table;
 * global indexes added or removed and time to live are updated in place.
 */
public final class TableDeployer implements ResourceDeployer {

    private final DynamoDbClient dynamoDb;

    public TableDeployer(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public String type() {
        return "AWS::DynamoDB::Table";
    }

    @Override
    public DeployedResource create(ResourceRequest request) {
        JsonNode properties = request.properties();
        String name = request.physicalName("TableName", 255, false);
        BillingMode billing =
                BillingMode.fromValue(properties.path("BillingMode").asText("PROVISIONED"));
        CreateTableRequest.Builder create = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributes(properties.path("AttributeDefinitions")))
                .keySchema(keys(properties.path("KeySchema")))
                .billingMode(billing);
        if (billing == BillingMode.PROVISIONED) {
            create.provisionedThroughput(throughput(properties.path("ProvisionedThroughput")));
        }
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(index -> globals.add(globalIndex(index, billing)));
        if (!globals.isEmpty()) {
            create.globalSecondaryIndexes(globals);
        }
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        properties
                .path("LocalSecondaryIndexes")
                .forEach(index -> locals.add(LocalSecondaryIndex.builder()
                        .indexName(index.path("IndexName").asText())
                        .keySchema(keys(index.path("KeySchema")))
                        .projection(projection(index.path("Projection")))
                        .build()));
        if (!locals.isEmpty()) {
            create.localSecondaryIndexes(locals);
        }
        JsonNode stream = properties.path("StreamSpecification");
        if (stream.has("StreamViewType")) {
            create.streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(stream.get("StreamViewType").asText()));
        }
        var description = dynamoDb.createTable(create.build()).tableDescription();
        applyTimeToLive(name, properties, null);
        return description.latestStreamArn() == null
                ? DeployedResource.of(request, name, "Arn", description.tableArn())
                : DeployedResource.of(
                        request, name, "Arn", description.tableArn(), "StreamArn", description.latestStreamArn());
    }

    @Override
    public DeployedResource update(ResourceRequest request, DeployedResource deployed) {
        String name = deployed.physicalId();
        JsonNode properties = request.properties();
        BillingMode billing =
                BillingMode.fromValue(properties.path("BillingMode").asText("PROVISIONED"));
        Set<String> oldIndexes = indexNames(deployed.properties());
        Set<String> newIndexes = indexNames(properties);
        for (String removed : difference(oldIndexes, newIndexes)) {
            dynamoDb.updateTable(b -> b.tableName(name)
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .delete(d -> d.indexName(removed))
                            .build()));
        }
        for (JsonNode index : properties.path("GlobalSecondaryIndexes")) {
            if (!oldIndexes.contains(index.path("IndexName").asText())) {
                GlobalSecondaryIndex added = globalIndex(index, billing);
                dynamoDb.updateTable(b -> b.tableName(name)
                        .attributeDefinitions(attributes(properties.path("AttributeDefinitions")))
                        .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                                .create(c -> c.indexName(added.indexName())
                                        .keySchema(added.keySchema())
                                        .projection(added.projection())
                                        .provisionedThroughput(added.provisionedThroughput()))
                                .build()));
            }
        }
        applyTimeToLive(name, properties, deployed.properties());
        return deployed.updatedBy(request);
    }

    @Override
    public boolean requiresReplacement(JsonNode deployedProperties, JsonNode newProperties) {
        return !Objects.equals(deployedProperties.get("TableName"), newProperties.get("TableName"))
                || !Objects.equals(deployedProperties.get("KeySchema"), newProperties.get("KeySchema"))
                || !Objects.equals(
                        deployedProperties.get("LocalSecondaryIndexes"), newProperties.get("LocalSecondaryIndexes"));
    }

    @Override
    public void delete(DeployedResource deployed) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(deployed.physicalId()));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    @Override
    public boolean exists(DeployedResource deployed) {
        try {
            dynamoDb.describeTable(b -> b.tableName(deployed.physicalId()));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private void applyTimeToLive(String table, JsonNode properties, JsonNode oldProperties) {
        JsonNode ttl = properties.path("TimeToLiveSpecification");
        JsonNode oldTtl = oldProperties == null ? null : oldProperties.path("TimeToLiveSpecification");
        if (ttl.equals(oldTtl)) {
            return;
        }
        boolean enabled = ttl.path("Enabled").asBoolean(false);
        JsonNode attribute = enabled ? ttl.path("AttributeName") : oldTtl == null ? null : oldTtl.path("AttributeName");
        if (attribute != null && !attribute.isMissingNode()) {
            dynamoDb.updateTimeToLive(b -> b.tableName(table)
                    .timeToLiveSpecification(t -> t.enabled(enabled).attributeName(attribute.asText())));
        }
    }

    private static GlobalSecondaryIndex globalIndex(JsonNode index, BillingMode billing) {
        GlobalSecondaryIndex.Builder builder = GlobalSecondaryIndex.builder()
                .indexName(index.path("IndexName").asText())
                .keySchema(keys(index.path("KeySchema")))
                .projection(projection(index.path("Projection")));
        if (billing == BillingMode.PROVISIONED) {
            builder.provisionedThroughput(throughput(index.path("ProvisionedThroughput")));
        }
        return builder.build();
    }

    private static List<AttributeDefinition> attributes(JsonNode definitions) {
        List<AttributeDefinition> list = new ArrayList<>();
        definitions.forEach(d -> list.add(AttributeDefinition.builder()
                .attributeName(d.path("AttributeName").asText())
                .attributeType(d.path("AttributeType").asText())
                .build()));
        return list;
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> list = new ArrayList<>();
        schema.forEach(k -> list.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return list;
    }

    private static Projection projection(JsonNode projection) {
        Projection.Builder builder = Projection.builder()
                .projectionType(projection.path("ProjectionType").asText("KEYS_ONLY"));
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
        if (!nonKey.isEmpty()) {
            builder.nonKeyAttributes(nonKey);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(JsonNode throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong(5))
                .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong(5))
                .build();
    }

    private static Set<String> indexNames(JsonNode properties) {
        Set<String> names = new HashSet<>();
        properties
                .path("GlobalSecondaryIndexes")
                .forEach(i -> names.add(i.path("IndexName").asText()));
        return names;
    }

    private static Set<String> difference(Set<String> from, Set<String> minus) {
        Set<String> result = new HashSet<>(from);
        result.removeAll(minus);
        return result;
    }
}
