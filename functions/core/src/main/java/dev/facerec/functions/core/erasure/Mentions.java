package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Mention rows: recognition writes one in the partition of every person a result names ({@code pk =
 * PERSON#<personId>}, {@code sk = MENTION#<bucket>/<photo key>}), before the result itself, so that an erasure finds
 * every result and sighting naming the person by one Query of the person's partition, never by a scan. A mention
 * holds no biometric data: where the result is, and the keys of the sighting rows that name the person. It expires
 * with the result.
 */
public final class Mentions {

    /** Sort key prefix of a mention. */
    public static final String SK_PREFIX = "MENTION#";
    /** The recognised photo's status and result partition ({@code OBJECT#<bucket>/<key>}). */
    public static final String OBJECT_PK = "objectPk";

    public static final String RESULT_BUCKET = "resultBucket";
    public static final String RESULT_KEY = "resultKey";
    /** The partition keys of the sighting rows that name the person (sightings log only). */
    public static final String SIGHTINGS = "sightings";

    private Mentions() {}

    /** The mention of {@code personId} by the result of the photo {@code bucket}/{@code key}. */
    public static Map<String, AttributeValue> row(
            Tenant tenant,
            String personId,
            String bucket,
            String key,
            String resultKey,
            List<String> sightingPks,
            long ttl) {
        String objectPk = TableKeys.objectPk(bucket, key);
        Map<String, AttributeValue> item = tenant.tag(new LinkedHashMap<>(
                TableKeys.key(tenant.personPk(personId), SK_PREFIX + objectPk.substring("OBJECT#".length()))));
        item.put(OBJECT_PK, AttributeValues.s(objectPk));
        item.put(RESULT_BUCKET, AttributeValues.s(bucket));
        item.put(RESULT_KEY, AttributeValues.s(resultKey));
        if (!sightingPks.isEmpty()) {
            item.put(SIGHTINGS, AttributeValues.ss(sightingPks));
        }
        item.put(TableKeys.TTL, AttributeValues.n(ttl));
        return item;
    }

    /** Whether a row of a person's partition is a mention. */
    public static boolean isMention(Map<String, AttributeValue> row) {
        String sk = AttributeValues.str(row, TableKeys.SK);
        return sk != null && sk.startsWith(SK_PREFIX);
    }
}
