package dev.facerec.functions.erasure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Lambda entry point of tenant erasure ({@code dev.facerec.functions.erasure.TenantErasureHandler::handleRequest}),
 * invoked directly with {@code {"tenantId": "<id>"}}; optionally {@code "requestedBy"} (who asked, for the receipt); answers an {@link ErasureReceipt}. A bad request fails
 * the invocation with an {@link IllegalArgumentException} naming the problem. The work is
 * {@link TenantErasureService}'s.
 */
public final class TenantErasureHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The run stops this long before the function's timeout, answering {@code complete: false}. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(30);

    private final TenantErasureService service;

    /** Used by Lambda: clients and settings from the environment. */
    public TenantErasureHandler() {
        this(
                AwsClients.fromEnvironment(),
                FunctionConfig.fromEnvironment(System.getenv()),
                System.getenv("BUCKET_NAME"),
                ConsentSettings.fromEnvironment(System.getenv()).prefix(),
                Clock.systemUTC());
    }

    /** Used by tests: the given clients and settings, consent documents under the default prefix. */
    public TenantErasureHandler(AwsClients clients, FunctionConfig config, String bucket, Clock clock) {
        this(clients, config, bucket, ConsentSettings.DEFAULT_PREFIX, clock);
    }

    /** The given clients and settings, consent documents under {@code consentPrefix}. */
    public TenantErasureHandler(
            AwsClients clients, FunctionConfig config, String bucket, String consentPrefix, Clock clock) {
        this.service = new TenantErasureService(clients, config, bucket, consentPrefix, clock);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Object tenantId = input == null ? null : input.get("tenantId");
        if (!(tenantId instanceof String id) || id.isEmpty()) {
            throw new IllegalArgumentException("the request must be {\"tenantId\": \"<id>\"}");
        }
        long stopAt = System.currentTimeMillis() + context.getRemainingTimeInMillis() - SAFETY_MARGIN.toMillis();
        Object by = input.get("requestedBy");
        ErasureReceipt receipt = service.erase(
                id,
                by instanceof String named && !named.isBlank() ? named : "tenant erasure invocation",
                () -> System.currentTimeMillis() < stopAt);
        context.getLogger()
                .log("tenant erasure receipt=" + receipt.receiptId() + " complete=" + receipt.complete() + " removed="
                        + receipt.removed());
        return receipt.toMap();
    }
}
