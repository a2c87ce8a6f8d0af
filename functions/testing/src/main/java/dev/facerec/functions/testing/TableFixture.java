package dev.facerec.functions.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the functions' table as the construct defines it (docs/architecture.md): keys {@code pk}/{@code sk},
 * index {@code gsi1} on {@code gsi1pk}/{@code gsi1sk}, index {@code retention} on {@code interactionMonth}/{@code
 * lastInteractionAt} (number; projecting {@code personId} and {@code tenant}), TTL on {@code ttl}. The names are written out here, not taken
 * from the functions' own constants, so that a function that disagrees with the table fails its tests.
 */
public final class TableFixture {

    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String GSI1 = "gsi1";
    private static final String GSI1_PK = "gsi1pk";
    private static final String GSI1_SK = "gsi1sk";
    private static final String TTL = "ttl";
    private static final String RETENTION = "retention";
    private static final String RETENTION_PK = "interactionMonth";
    private static final String RETENTION_SK = "lastInteractionAt";

    private TableFixture() {}

    /**
     * Gives the (still empty) table the tenant index of a pipeline with a collection per tenant ({@code tenants}:
     * partition {@code tenant}, sort {@code pk}, projecting {@code status} and {@code leaseUntil}) by creating it
     * again with it: DynamoDB Local does not migrate its storage when an index is added to a table that already has
     * two, and then fails to write the new index's keys.
     */
    public static void addTenantIndex(DynamoDbClient dynamoDb, String name) {
        dynamoDb.deleteTable(b -> b.tableName(name));
        dynamoDb.waiter().waitUntilTableNotExists(b -> b.tableName(name));
        create(dynamoDb, name, true);
    }

    /** Creates {@code name} and waits until it is active. */
    public static void create(DynamoDbClient dynamoDb, String name) {
        create(dynamoDb, name, false);
    }

    private static void create(DynamoDbClient dynamoDb, String name, boolean tenantIndex) {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>(List.of(
                GlobalSecondaryIndex.builder()
                        .indexName(GSI1)
                        .keySchema(key(GSI1_PK, KeyType.HASH), key(GSI1_SK, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build(),
                GlobalSecondaryIndex.builder()
                        .indexName(RETENTION)
                        .keySchema(key(RETENTION_PK, KeyType.HASH), key(RETENTION_SK, KeyType.RANGE))
                        .projection(
                                p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("personId", "tenant"))
                        .build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(
                attribute(PK, ScalarAttributeType.S),
                attribute(SK, ScalarAttributeType.S),
                attribute(GSI1_PK, ScalarAttributeType.S),
                attribute(GSI1_SK, ScalarAttributeType.S),
                attribute(RETENTION_PK, ScalarAttributeType.S),
                attribute(RETENTION_SK, ScalarAttributeType.N)));
        if (tenantIndex) {
            attributes.add(attribute("tenant", ScalarAttributeType.S));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName("tenants")
                    .keySchema(key("tenant", KeyType.HASH), key(PK, KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("status", "leaseUntil"))
                    .build());
        }
        dynamoDb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .globalSecondaryIndexes(indexes));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamoDb.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }
}
