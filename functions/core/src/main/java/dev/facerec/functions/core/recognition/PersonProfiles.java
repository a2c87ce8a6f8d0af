package dev.facerec.functions.core.recognition;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Looks up the display names and watch lists of identified people in their person rows (one BatchGetItem per 100
 * people).
 */
public final class PersonProfiles {

    private static final int BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PersonProfiles(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Person id → profile, for the people of {@code tenant} that have a row. */
    public Map<String, PersonProfile> of(Tenant tenant, Collection<String> personIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
        Map<String, PersonProfile> profiles = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(id -> TableKeys.key(tenant.personPk(id), TableKeys.PROFILE))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(keys)
                            .projectionExpression("personId, displayName, lists")
                            .consistentRead(true)
                            .build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    profiles.put(AttributeValues.str(item, "personId"), profile(item));
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return profiles;
    }

    private static PersonProfile profile(Map<String, AttributeValue> item) {
        return new PersonProfile(AttributeValues.str(item, "displayName"), AttributeValues.strings(item, "lists"));
    }
}
