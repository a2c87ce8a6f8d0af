package dev.facerec.functions.core.tenant;

import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.time.Clock;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * How a pipeline's keys map to tenants, and which tenants were erased.
 *
 * <p>With a collection per tenant, every key carries the tenant right after its prefix ({@code enroll/<tenantId>/…},
 * {@code recognize/<tenantId>/…}); the tenant's collection is {@code <collectionId>-<tenantId>}, so a tenant id takes
 * Rekognition's collection-id charset, {@code [a-zA-Z0-9_.-]}, and at most as many characters as the collection id
 * leaves of its 255.
 *
 * <p>An erased tenant leaves an {@link ErasureMarkers erasure mark} ({@code TENANT#<sha-256>}): while the erasure
 * runs, and for events S3 recorded before it finished (the erasure's own deletions among them), the functions ignore
 * the tenant's events, so nothing of the tenant is written again.
 */
public final class Tenancy {

    /** Rekognition's collection-id charset, which a tenant id becomes part of. */
    public static final Pattern TENANT_ID = Pattern.compile("[a-zA-Z0-9_.\\-]+");

    private static final int MAX_COLLECTION_ID = 255;

    private final FunctionConfig config;
    private final ErasureMarkers markers;

    public Tenancy(FunctionConfig config, DynamoDbClient dynamoDb) {
        this.config = config;
        this.markers = new ErasureMarkers(dynamoDb, config.tableName(), Clock.systemUTC());
    }

    /**
     * The tenant of a key under {@code prefix}.
     *
     * @throws RejectedException with {@link Reason#INVALID_KEY} when the key has no valid tenant id after the prefix
     */
    public Tenant of(String key, String prefix) {
        if (!config.perTenant()) {
            return Tenant.shared(config.collectionId());
        }
        String rest = key.startsWith(prefix) ? key.substring(prefix.length()) : "";
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new RejectedException(
                    Reason.INVALID_KEY, "with a collection per tenant, keys go under the tenant: <prefix><tenantId>/…");
        }
        return tenant(rest.substring(0, slash));
    }

    /**
     * The tenant with this id.
     *
     * @throws RejectedException with {@link Reason#INVALID_KEY} when the id is outside the charset or too long
     */
    public Tenant tenant(String tenantId) {
        int room = MAX_COLLECTION_ID - config.collectionId().length() - 1;
        if (!TENANT_ID.matcher(tenantId).matches() || tenantId.length() > room) {
            throw new RejectedException(
                    Reason.INVALID_KEY, "a tenant id is 1-" + room + " characters of letters, digits, '_', '.' or '-'");
        }
        return new Tenant(tenantId, config.collectionId() + "-" + tenantId);
    }

    /** The tenant id a key of either triggering prefix names, or {@code null} (shared collection, invalid key). */
    public String tenantIdOf(String key) {
        if (!config.perTenant()) {
            return null;
        }
        for (String prefix : new String[] {config.enrollPrefix(), config.recognizePrefix()}) {
            if (key.startsWith(prefix)) {
                try {
                    return of(key, prefix).id();
                } catch (RejectedException invalid) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Whether the event belongs to a tenant being erased, or was recorded by S3 before the tenant's erasure finished:
     * such events are ignored. One consistent read per event with a collection per tenant; none otherwise.
     */
    public boolean erased(S3ObjectEvent event) {
        String tenantId = tenantIdOf(event.key());
        return tenantId != null && markers.covers(ErasureMarkers.Kind.TENANT, tenantId, event);
    }
}
