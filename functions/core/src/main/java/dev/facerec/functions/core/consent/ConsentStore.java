package dev.facerec.functions.core.consent;

import dev.facerec.functions.core.consent.ConsentRecord.Capture;
import dev.facerec.functions.core.consent.ConsentRecord.ConsentedBy;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Consent records in the table: one row per person, in the person's own partition ({@code PERSON#<personId>},
 * {@code CONSENT}), so that erasing the person's partition erases it; tagged with the tenant like every row of a
 * tenant.
 */
public final class ConsentStore {

    private static final int BATCH = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ConsentStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The key of a person's consent row. */
    public static Map<String, AttributeValue> key(Tenant tenant, String personId) {
        return TableKeys.key(tenant.personPk(personId), TableKeys.CONSENT);
    }

    /** Writes (or replaces) the person's consent record. */
    public void put(Tenant tenant, ConsentRecord record) {
        dynamoDb.putItem(b -> b.tableName(table).item(item(tenant, record)));
    }

    /** The write of the person's consent record as an item of a transaction. */
    public TransactWriteItem putItem(Tenant tenant, ConsentRecord record) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(table).item(item(tenant, record)).build())
                .build();
    }

    private static Map<String, AttributeValue> item(Tenant tenant, ConsentRecord record) {
        Map<String, AttributeValue> item = tenant.tag(new LinkedHashMap<>(key(tenant, record.personId())));
        item.put("personId", AttributeValues.s(record.personId()));
        item.put("consentedBy", AttributeValues.s(record.consentedBy().name()));
        putIfPresent(item, "operatorId", record.operatorId());
        item.put("consentedAt", AttributeValues.s(record.consentedAt().toString()));
        item.put("purpose", AttributeValues.s(record.purpose()));
        item.put("policyVersion", AttributeValues.s(record.policyVersion()));
        item.put("capture", AttributeValues.s(record.capture().name()));
        putIfPresent(
                item,
                "expiresAt",
                record.expiresAt() == null ? null : record.expiresAt().toString());
        item.put("recordedAt", AttributeValues.s(record.recordedAt().toString()));
        putIfPresent(item, "sourceKey", record.sourceKey());
        return item;
    }

    /** The person's consent record, or {@code null}. */
    public ConsentRecord get(Tenant tenant, String personId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        b -> b.tableName(table).consistentRead(true).key(key(tenant, personId)))
                .item();
        return item == null || item.isEmpty() ? null : record(item);
    }

    /** Deletes the person's consent record (nothing when there is none). */
    public void delete(Tenant tenant, String personId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(tenant, personId)));
    }

    /** Person id → consent record, for those of {@code personIds} that have one (one BatchGetItem per 100). */
    public Map<String, ConsentRecord> of(Tenant tenant, Collection<String> personIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(personIds));
        Map<String, ConsentRecord> records = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + BATCH)).stream()
                    .map(id -> key(tenant, id))
                    .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    table,
                    KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    ConsentRecord record = record(item);
                    records.put(record.personId(), record);
                }
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return records;
    }

    private static ConsentRecord record(Map<String, AttributeValue> item) {
        String expiresAt = AttributeValues.str(item, "expiresAt");
        return new ConsentRecord(
                AttributeValues.str(item, "personId"),
                ConsentedBy.valueOf(AttributeValues.str(item, "consentedBy")),
                AttributeValues.str(item, "operatorId"),
                Instant.parse(AttributeValues.str(item, "consentedAt")),
                AttributeValues.str(item, "purpose"),
                AttributeValues.str(item, "policyVersion"),
                Capture.valueOf(AttributeValues.str(item, "capture")),
                expiresAt == null ? null : Instant.parse(expiresAt),
                Instant.parse(AttributeValues.str(item, "recordedAt")),
                AttributeValues.str(item, "sourceKey"));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValues.s(value));
        }
    }
}
