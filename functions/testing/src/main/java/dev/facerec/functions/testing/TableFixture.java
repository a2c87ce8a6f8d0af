package dev.facerec.functions.core.testing;

import dev.facerec.functions.core.table.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates the functions' table as the construct defines it (docs/architecture.md): keys, {@code gsi1}, TTL. */
public final class TableFixture {

  private TableFixture() {
  }

  /** Creates {@code name} and waits until it is active. */
  public static void create(DynamoDbClient dynamoDb, String name) {
    dynamoDb.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            a -> a.attributeName(TableKeys.PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(TableKeys.SK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(TableKeys.GSI1_PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(TableKeys.GSI1_SK).attributeType(ScalarAttributeType.S))
        .keySchema(
            k -> k.attributeName(TableKeys.PK).keyType(KeyType.HASH),
            k -> k.attributeName(TableKeys.SK).keyType(KeyType.RANGE))
        .globalSecondaryIndexes(g -> g.indexName(TableKeys.GSI1)
            .keySchema(
                k -> k.attributeName(TableKeys.GSI1_PK).keyType(KeyType.HASH),
                k -> k.attributeName(TableKeys.GSI1_SK).keyType(KeyType.RANGE))
            .projection(p -> p.projectionType(ProjectionType.ALL))));
    dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
    dynamoDb.updateTimeToLive(b -> b.tableName(name)
        .timeToLiveSpecification(t -> t.attributeName(TableKeys.TTL).enabled(true)));
  }
}
