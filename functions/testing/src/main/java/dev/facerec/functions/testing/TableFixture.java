package dev.facerec.functions.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the functions' table as the construct defines it (docs/architecture.md): keys {@code pk}/{@code sk},
 * index {@code gsi1} on {@code gsi1pk}/{@code gsi1sk}, TTL on {@code ttl}. The names are written out here, not taken
 * from the functions' own constants, so that a function that disagrees with the table fails its tests.
 */
public final class TableFixture {

    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String GSI1 = "gsi1";
    private static final String GSI1_PK = "gsi1pk";
    private static final String GSI1_SK = "gsi1sk";
    private static final String TTL = "ttl";

    private TableFixture() {}

    /**
     * Adds the tenant index of a pipeline with a collection per tenant ({@code tenants}: partition {@code tenant},
     * sort {@code pk}, projecting {@code status} and {@code leaseUntil}) and waits until it is active.
     */
    public static void addTenantIndex(DynamoDbClient dynamoDb, String name) {
        dynamoDb.updateTable(b -> b.tableName(name)
                .attributeDefinitions(
                        a -> a.attributeName("tenant").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(PK).attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("tenants")
                        .keySchema(
                                k -> k.attributeName("tenant").keyType(KeyType.HASH),
                                k -> k.attributeName(PK).keyType(KeyType.RANGE))
                        .projection(p ->
                                p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("status", "leaseUntil")))));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
    }

    /** Creates {@code name} and waits until it is active. */
    public static void create(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName(PK).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(SK).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(GSI1_PK).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(GSI1_SK).attributeType(ScalarAttributeType.S))
                .keySchema(
                        k -> k.attributeName(PK).keyType(KeyType.HASH),
                        k -> k.attributeName(SK).keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName(GSI1)
                        .keySchema(
                                k -> k.attributeName(GSI1_PK).keyType(KeyType.HASH),
                                k -> k.attributeName(GSI1_SK).keyType(KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        dynamoDb.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
    }
}
