package dev.facerec.functions.core.consent;

import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Who may be named: with consent required, only people whose consent record holds now (recorded, not expired;
 * a withdrawn consent was erased with the person). Without, everyone, and no read is made. Enrolment, recognition,
 * identification and verification ask it.
 */
public final class ConsentGate {

    /** A gate that lets everyone through (consent not required). */
    public static final ConsentGate OPEN = new ConsentGate(false, null, Clock.systemUTC());

    private final boolean required;
    private final ConsentStore store;
    private final Clock clock;

    private ConsentGate(boolean required, ConsentStore store, Clock clock) {
        this.required = required;
        this.store = store;
        this.clock = clock;
    }

    /** The gate of {@code settings}: {@link #OPEN} when consent is not required. */
    public static ConsentGate of(ConsentSettings settings, DynamoDbClient dynamoDb, String table, Clock clock) {
        return settings.required() ? new ConsentGate(true, new ConsentStore(dynamoDb, table), clock) : OPEN;
    }

    /** Whether consent is required at all. */
    public boolean required() {
        return required;
    }

    /** Whether {@code personId} may be enrolled or named now (one GetItem when consent is required). */
    public boolean allows(Tenant tenant, String personId) {
        if (!required) {
            return true;
        }
        ConsentRecord record = store.get(tenant, personId);
        return record != null && record.validAt(clock.instant());
    }

    /** The people of {@code personIds} without a valid consent now (none when consent is not required). */
    public Set<String> lacking(Tenant tenant, Collection<String> personIds) {
        Set<String> lacking = new LinkedHashSet<>();
        if (!required || personIds.isEmpty()) {
            return lacking;
        }
        Map<String, ConsentRecord> records = store.of(tenant, personIds);
        for (String personId : personIds) {
            ConsentRecord record = records.get(personId);
            if (record == null || !record.validAt(clock.instant())) {
                lacking.add(personId);
            }
        }
        return lacking;
    }
}
