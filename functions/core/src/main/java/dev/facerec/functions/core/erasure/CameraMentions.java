package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Camera mentions: the {@link Mentions mention} rows the frames path writes in the partition of a person a camera's
 * sighting names ({@code pk = PERSON#<personId>}, {@code sk = MENTION#CAMERA#<camera partition>#<sighting sort key>}),
 * in the transaction that first names the person on that sighting (as its person, or as the candidate of an unknown
 * face). They lead an erasure to the camera's sighting row and state row without a scan. A camera mention holds the
 * two keys and nothing else; it expires a day after the sighting could ({@link #expiresAt}) and is written again each
 * day the sighting stays open, so it outlives the rows it leads to.
 */
public final class CameraMentions {

    /** Sort key prefix of a camera mention (a kind of {@link Mentions#SK_PREFIX mention}). */
    public static final String SK_PREFIX = Mentions.SK_PREFIX + "CAMERA#";
    /** The camera's partition key ({@code CAMERA#<camera>}). */
    public static final String CAMERA_PK = "cameraPk";
    /** The sort key of the sighting row ({@code SIGHTING#<first seen ms>#<track>}). */
    public static final String SIGHTING_SK = "sightingSk";

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private CameraMentions() {}

    /** The mention of {@code personId} by the sighting {@code sightingSk} of the camera partition {@code cameraPk}. */
    public static Map<String, AttributeValue> row(
            Tenant tenant, String personId, String cameraPk, String sightingSk, long ttl) {
        Map<String, AttributeValue> item = tenant.tag(
                new LinkedHashMap<>(TableKeys.key(tenant.personPk(personId), SK_PREFIX + cameraPk + "#" + sightingSk)));
        item.put(CAMERA_PK, AttributeValues.s(cameraPk));
        item.put(SIGHTING_SK, AttributeValues.s(sightingSk));
        item.put(TableKeys.TTL, AttributeValues.n(ttl));
        return item;
    }

    /**
     * The mention's expiry (epoch seconds) for a sighting last seen at {@code lastSeenMillis}: the end of the next UTC
     * day plus the sightings' {@code retention}, later than the sighting row's and the state row's expiry for as long
     * as the sighting's last frame stays in the same UTC day ({@link #sameDay}).
     */
    public static long expiresAt(long lastSeenMillis, Duration retention) {
        long nextDayEnd = (Math.floorDiv(lastSeenMillis, DAY_MILLIS) + 2) * DAY_MILLIS;
        return (nextDayEnd + retention.toMillis()) / 1000;
    }

    /** Whether two last frames fall on the same UTC day (a mention written for one still covers the other). */
    public static boolean sameDay(long lastSeenMillis, long otherMillis) {
        return Math.floorDiv(lastSeenMillis, DAY_MILLIS) == Math.floorDiv(otherMillis, DAY_MILLIS);
    }

    /** Whether a row of a person's partition is a camera mention. */
    public static boolean isCameraMention(Map<String, AttributeValue> row) {
        String sk = AttributeValues.str(row, TableKeys.SK);
        return sk != null && sk.startsWith(SK_PREFIX);
    }
}
