package dev.facerec.functions.erasure;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.BatchWrites;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenancy;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * Erases one tenant of a pipeline with a collection per tenant: every object version and delete marker under the
 * tenant's enrolment, recognition, results and consent prefixes, the tenant's collection, and every row the tenant index
 * lists (statuses, results, people, faces, locks, consent records). Each step reads only the tenant's own prefixes and index
 * partition, so its cost does not grow with the number of other tenants.
 *
 * <p>Order: the erasure marker (state ERASING) first, so that the functions ignore the tenant's events from then on
 * (the erasure's own deletions among them); then the objects, so that nothing can be enrolled again from them; then
 * the collection; then, once no object of the tenant is being processed any more, the rows; last the marker's state
 * ERASED with the time, after which new uploads of the tenant are processed again. A run that stops early (time, or
 * objects still being processed) answers {@code complete: false}; running it again finishes the work. Each run
 * stores and answers an {@link ErasureReceipt} (the tenant id only as a salted hash).
 */
public final class TenantErasureService {

    /** The tenant index: partition {@code tenant}, sort {@code pk}; projects the status and lease of status rows. */
    public static final String TENANT_INDEX = "tenants";

    private static final int BATCH_WRITE = BatchWrites.BATCH;

    private final FunctionConfig config;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final Clock clock;
    private final Tenancy tenancy;
    private final ObjectVersions objects;
    private final ErasureMarkers markers;
    private final String consentPrefix;

    /** Consent documents under the default prefix. */
    public TenantErasureService(AwsClients clients, FunctionConfig config, String bucket, Clock clock) {
        this(clients, config, bucket, ConsentSettings.DEFAULT_PREFIX, clock);
    }

    /** Consent documents under {@code consentPrefix}. */
    public TenantErasureService(
            AwsClients clients, FunctionConfig config, String bucket, String consentPrefix, Clock clock) {
        if (!config.perTenant()) {
            throw new IllegalStateException("tenant erasure needs COLLECTION_MODE=PER_TENANT");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("BUCKET_NAME must be set to the pipeline's bucket");
        }
        this.config = config;
        this.dynamoDb = clients.dynamoDb();
        this.rekognition = clients.rekognition();
        this.clock = clock;
        this.tenancy = new Tenancy(config, clients.dynamoDb());
        this.objects = new ObjectVersions(clients.s3(), bucket);
        this.markers = new ErasureMarkers(clients.dynamoDb(), config.tableName(), clock);
        this.consentPrefix = consentPrefix;
    }

    /**
     * Erases the tenant, or as much as {@code timeLeft} allows.
     *
     * @throws IllegalArgumentException when the tenant id is not a valid one
     */
    public ErasureReceipt erase(String tenantId, String requestedBy, BooleanSupplier timeLeft) {
        Tenant tenant;
        try {
            tenant = tenancy.tenant(tenantId);
        } catch (RejectedException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
        Instant started = clock.instant();
        markers.begin(ErasureMarkers.Kind.TENANT, tenantId);
        long versions = 0;
        for (String prefix : tenantPrefixes(tenant)) {
            versions += objects.deleteAll(prefix, timeLeft);
        }
        boolean collectionDeleted = deleteCollection(tenant);
        long busy = busyObjects(tenant);
        long rows = 0;
        boolean complete = false;
        if (busy == 0 && timeLeft.getAsBoolean()) {
            rows = deleteRows(tenant, timeLeft);
            complete = timeLeft.getAsBoolean() && objects.isEmpty(tenantPrefixes(tenant));
        }
        if (complete) {
            markers.finish(ErasureMarkers.Kind.TENANT, tenantId);
        }
        Map<String, Long> removed = new LinkedHashMap<>();
        removed.put("collections", collectionDeleted ? 1L : 0L);
        removed.put("objectVersions", versions);
        removed.put("rows", rows);
        removed.put("busyObjects", busy);
        ErasureReceipt receipt =
                ErasureReceipt.of("TENANT", tenantId, requestedBy, started, clock.instant(), complete, removed);
        dynamoDb.putItem(b -> b.tableName(config.tableName()).item(receipt.toItem()));
        return receipt;
    }

    private List<String> tenantPrefixes(Tenant tenant) {
        return List.of(
                tenant.prefix(config.enrollPrefix()),
                tenant.prefix(config.recognizePrefix()),
                tenant.prefix(config.resultsPrefix()),
                tenant.prefix(consentPrefix));
    }

    private boolean deleteCollection(Tenant tenant) {
        try {
            rekognition.deleteCollection(b -> b.collectionId(tenant.collectionId()));
            return true;
        } catch (ResourceNotFoundException none) {
            return false;
        }
    }

    /** Status rows of the tenant that an invocation still holds (a live lease): their rows may still be written. */
    private long busyObjects(Tenant tenant) {
        long now = clock.millis();
        return tenantRows(tenant).stream()
                .filter(row -> ObjectStatus.PROCESSING.name().equals(AttributeValues.str(row, StatusAttributes.STATUS)))
                .filter(row -> AttributeValues.num(row, StatusAttributes.LEASE_UNTIL, 0) >= now)
                .count();
    }

    private long deleteRows(Tenant tenant, BooleanSupplier timeLeft) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Map<String, AttributeValue> row : tenantRows(tenant)) {
            keys.add(Map.of(TableKeys.PK, row.get(TableKeys.PK), TableKeys.SK, row.get(TableKeys.SK)));
        }
        long deleted = 0;
        for (int from = 0; from < keys.size() && timeLeft.getAsBoolean(); from += BATCH_WRITE) {
            List<Map<String, AttributeValue>> batch = keys.subList(from, Math.min(keys.size(), from + BATCH_WRITE));
            new BatchWrites(dynamoDb, config.tableName()).delete(batch);
            deleted += batch.size();
        }
        return deleted;
    }

    private List<Map<String, AttributeValue>> tenantRows(Tenant tenant) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(config.tableName())
                    .indexName(TENANT_INDEX)
                    .keyConditionExpression("#tenant = :tenant")
                    .expressionAttributeNames(Map.of("#tenant", Tenant.ATTRIBUTE))
                    .expressionAttributeValues(Map.of(":tenant", AttributeValues.s(tenant.id())));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = dynamoDb.query(request.build());
            rows.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return rows;
    }
}
