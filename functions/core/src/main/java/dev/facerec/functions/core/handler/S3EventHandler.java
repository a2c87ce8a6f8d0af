package dev.facerec.functions.core.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.facerec.functions.core.event.S3EventRecords;
import dev.facerec.functions.core.event.S3ObjectEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base of the functions' Lambda handlers: receives the S3 event notification that the Lambda runtime deserialized
 * (asynchronous invocation), hands each record to the function's processor and answers with the records' outcomes
 * (no keys, no names): {@code {"outcomes":["INDEXED"]}}; {@code {"outcomes":[]}} for S3's {@code s3:TestEvent},
 * which has no records. Subclasses only build the processor (once per container, in their constructor).
 */
public abstract class S3EventHandler implements RequestHandler<S3Event, Map<String, List<String>>> {

    private final String function;
    private final RecordProcessor processor;

    protected S3EventHandler(String function, RecordProcessor processor) {
        this.function = function;
        this.processor = processor;
    }

    @Override
    public final Map<String, List<String>> handleRequest(S3Event event, Context context) {
        OutcomeLog log = new OutcomeLog(function, context.getLogger());
        Duration lease = lease(context.getRemainingTimeInMillis());
        List<String> outcomes = new ArrayList<>();
        for (S3ObjectEvent record : S3EventRecords.of(event)) {
            outcomes.add(processor.process(record, lease, log));
        }
        return Map.of("outcomes", outcomes);
    }

    /** The lease for an invocation with {@code remainingMillis} left (a quarter-hour, Lambda's maximum, if unknown). */
    public static Duration lease(long remainingMillis) {
        long remaining =
                remainingMillis > 0 ? remainingMillis : Duration.ofMinutes(15).toMillis();
        return Duration.ofMillis(remaining).plusSeconds(10);
    }
}
