package dev.facerec.functions.erasure;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one erasure run removed. It names the tenant only by a hash, like the marker row.
 *
 * @param tenantHash             SHA-256 of the tenant id (hex)
 * @param complete               whether everything is gone; {@code false} when the run stopped before its time ran
 *     out or while objects of the tenant were still being processed: invoke the erasure again
 * @param collectionDeleted      whether this run deleted the tenant's collection (false when there was none)
 * @param objectVersionsDeleted  object versions and delete markers removed under the tenant's prefixes
 * @param rowsDeleted            table rows removed (statuses, results, people, faces, locks)
 * @param busyObjects            objects of the tenant another invocation was processing when the run stopped
 * @param startedAt              when the run started
 * @param finishedAt             when it ended
 */
public record TenantErasureReceipt(
        String tenantHash,
        boolean complete,
        boolean collectionDeleted,
        long objectVersionsDeleted,
        long rowsDeleted,
        long busyObjects,
        Instant startedAt,
        Instant finishedAt) {

    /** The answer of the function, as JSON-ready values. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tenantHash", tenantHash);
        map.put("complete", complete);
        map.put("collectionDeleted", collectionDeleted);
        map.put("objectVersionsDeleted", objectVersionsDeleted);
        map.put("rowsDeleted", rowsDeleted);
        map.put("busyObjects", busyObjects);
        map.put("startedAt", startedAt.toString());
        map.put("finishedAt", finishedAt.toString());
        return map;
    }
}
