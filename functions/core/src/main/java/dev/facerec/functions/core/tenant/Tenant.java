package dev.facerec.functions.core.tenant;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whose data an event touches: in a pipeline with one shared collection, everyone's ({@link #shared}); in a pipeline
 * with a collection per tenant, one application user's. The tenant decides the collection, the key prefixes, the
 * person rows' partition and the {@code tenant} attribute that the tenant index (see docs/functions.md) finds every
 * row of a tenant by.
 *
 * @param id           the tenant id, or {@code null} for the shared collection
 * @param collectionId the collection the tenant's faces live in
 */
public record Tenant(String id, String collectionId) {

    /** The attribute holding the tenant id on every row of a tenant (the tenant index's partition key). */
    public static final String ATTRIBUTE = "tenant";

    /** The one tenant of a pipeline with a shared collection. */
    public static Tenant shared(String collectionId) {
        return new Tenant(null, collectionId);
    }

    /** Whether this is the shared collection's tenant. */
    public boolean isShared() {
        return id == null;
    }

    /** A key prefix narrowed to this tenant: {@code enroll/} becomes {@code enroll/<tenantId>/}. */
    public String prefix(String prefix) {
        return isShared() ? prefix : prefix + id + "/";
    }

    /** A person id made unique across tenants: {@code <tenantId>/<personId>} (the person id itself when shared). */
    public String qualified(String personId) {
        return isShared() ? personId : id + "/" + personId;
    }

    /** The partition key of a person of this tenant. */
    public String personPk(String personId) {
        return TableKeys.personPk(qualified(personId));
    }

    /** The index partition that lists this tenant's people. */
    public String peoplePartition() {
        return isShared() ? TableKeys.PEOPLE : TableKeys.PEOPLE + "#" + id;
    }

    /** Adds the tenant attribute to a row being written (nothing for the shared tenant). */
    public Map<String, AttributeValue> tag(Map<String, AttributeValue> item) {
        if (!isShared()) {
            item.put(ATTRIBUTE, AttributeValues.s(id));
        }
        return item;
    }
}
