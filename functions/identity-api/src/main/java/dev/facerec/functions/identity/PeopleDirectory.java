package dev.facerec.functions.identity;

import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The people rows enrolment writes (docs/functions.md, "Table"): a person's profile row, their face rows, and the
 * list of everyone on index {@code gsi1} (partition {@code PEOPLE}, sorted by person id).
 */
final class PeopleDirectory {

    /**
     * One page of people.
     *
     * @param people     the person rows, by person id
     * @param nextCursor the person id to continue after, or {@code null} on the last page
     */
    record Page(List<Map<String, AttributeValue>> people, String nextCursor) {}

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Tenant tenant;

    PeopleDirectory(DynamoDbClient dynamoDb, String table, Tenant tenant) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.tenant = tenant;
    }

    /** The person row, or {@code null} when nobody is enrolled under the id. */
    Map<String, AttributeValue> profile(String personId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                        .consistentRead(true)
                        .key(TableKeys.key(tenant.personPk(personId), TableKeys.PROFILE)))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** The person's face rows, by face id. */
    List<Map<String, AttributeValue>> faces(String personId) {
        return dynamoDb
                .queryPaginator(QueryRequest.builder()
                        .tableName(table)
                        .consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :face)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS(tenant.personPk(personId)),
                                ":face",
                                AttributeValue.fromS(TableKeys.FACE_PREFIX)))
                        .build())
                .items()
                .stream()
                .toList();
    }

    /** Up to {@code limit} people after the person id {@code after} (or from the first). */
    Page page(int limit, String after) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(table)
                .indexName(TableKeys.GSI1)
                .keyConditionExpression("gsi1pk = :people")
                .expressionAttributeValues(Map.of(":people", AttributeValue.fromS(tenant.peoplePartition())))
                .limit(limit);
        if (after != null) {
            request.exclusiveStartKey(Map.of(
                    TableKeys.PK, AttributeValue.fromS(tenant.personPk(after)),
                    TableKeys.SK, AttributeValue.fromS(TableKeys.PROFILE),
                    TableKeys.GSI1_PK, AttributeValue.fromS(tenant.peoplePartition()),
                    TableKeys.GSI1_SK, AttributeValue.fromS(after)));
        }
        QueryResponse response = dynamoDb.query(request.build());
        String next =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? response.lastEvaluatedKey().get(TableKeys.GSI1_SK).s()
                        : null;
        return new Page(response.items(), next);
    }
}
