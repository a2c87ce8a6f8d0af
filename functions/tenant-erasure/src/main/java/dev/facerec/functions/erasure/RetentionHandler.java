package dev.facerec.functions.erasure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.retention.RetentionSweep;
import dev.facerec.functions.core.tenant.Tenancy;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda entry point of the retention schedule ({@code dev.facerec.functions.erasure.RetentionHandler::handleRequest}),
 * invoked daily by an EventBridge schedule with the scheduled event: erases everyone whose last enrolment or
 * verification is older than {@code ENROLMENT_RETENTION_DAYS} ({@link RetentionSweep}). "Now" is the event's
 * {@code time} (the schedule's time), or the clock when the event has none. It stops {@link #SAFETY_MARGIN} before
 * its timeout; the next run goes on where it stopped. Answers counts only: never a person id.
 */
public final class RetentionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The run stops this long before the function's timeout. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(30);

    private final RetentionSweep sweep;
    private final Clock clock;

    /** Used by Lambda: clients and settings from the environment. */
    public RetentionHandler() {
        this(AwsClients.fromEnvironment(), System.getenv(), Clock.systemUTC());
    }

    /** Used by tests: the given clients, environment and clock. */
    public RetentionHandler(AwsClients clients, Map<String, String> env, Clock clock) {
        FunctionConfig config = FunctionConfig.fromEnvironment(env);
        Tenancy tenancy = new Tenancy(config, clients.dynamoDb());
        PersonErasure erasure = new PersonErasure(
                clients,
                config,
                env.get("BUCKET_NAME"),
                env.getOrDefault("CONSENT_PREFIX", PersonErasure.DEFAULT_CONSENT_PREFIX),
                clock);
        this.sweep = new RetentionSweep(
                clients.dynamoDb(),
                config.tableName(),
                Duration.ofDays(days(env.get("ENROLMENT_RETENTION_DAYS"))),
                erasure,
                tenantId -> tenantId == null ? Tenant.shared(config.collectionId()) : tenancy.tenant(tenantId));
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Instant now = now(event);
        long stopAt = System.currentTimeMillis() + context.getRemainingTimeInMillis() - SAFETY_MARGIN.toMillis();
        RetentionSweep.Run run = sweep.run(now, () -> System.currentTimeMillis() < stopAt);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cutoff", run.cutoff().toString());
        answer.put("erased", run.erased());
        answer.put("busy", run.busy());
        answer.put("invalid", run.invalid());
        answer.put("backfilled", run.backfilled());
        answer.put("complete", run.complete());
        context.getLogger()
                .log("retention cutoff=" + run.cutoff() + " erased=" + run.erased() + " busy=" + run.busy()
                        + " backfilled=" + run.backfilled() + " complete=" + run.complete());
        return answer;
    }

    /** The scheduled event's {@code time}, else the clock. */
    private Instant now(Map<String, Object> event) {
        Object time = event == null ? null : event.get("time");
        if (time == null) {
            return clock.instant();
        }
        try {
            return Instant.parse(time.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the event's time must be an ISO-8601 instant, got " + time, e);
        }
    }

    private static long days(String value) {
        if (value == null) {
            throw new IllegalStateException("ENROLMENT_RETENTION_DAYS must be set");
        }
        try {
            long days = Long.parseLong(value);
            if (days >= 1) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("ENROLMENT_RETENTION_DAYS must be a whole number of days ≥ 1, got " + value);
    }
}
