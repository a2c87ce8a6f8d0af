package dev.facerec.functions.core.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.facerec.functions.core.event.S3EventMessages;
import dev.facerec.functions.core.event.S3ObjectEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the functions' handlers behind an SQS event source mapping (S3 → SQS → Lambda, with
 * {@code ReportBatchItemFailures}): each message's body is the S3 event notification S3 sent to the queue; its
 * records go to the function's processor one by one, as with {@link S3EventHandler}. The answer is Lambda's partial
 * batch response: the ids of the messages that must come back, i.e. those with a retryable failure (the processor
 * threw, after releasing its claim) and those whose body is no S3 event notification (logged, so that after the
 * queue's {@code maxReceiveCount} they rest in the dead-letter queue for an operator to see). A record rejected for
 * good already ended as a {@code REJECTED} status row and its message is done. S3's {@code s3:TestEvent} has no
 * records and is done at once. A message to retry comes back after a growing backoff ({@link RetryBackoff}), not
 * after the queue's whole visibility timeout. Subclasses only build the processor (once per container, in their
 * constructor).
 */
public abstract class SqsS3EventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final String function;
    private final RecordProcessor processor;
    private final RetryBackoff backoff;

    /** A handler whose retry backoff uses an SQS client from the environment. */
    protected SqsS3EventHandler(String function, RecordProcessor processor) {
        this(function, processor, RetryBackoff.fromEnvironment());
    }

    protected SqsS3EventHandler(String function, RecordProcessor processor, RetryBackoff backoff) {
        this.function = function;
        this.processor = processor;
        this.backoff = backoff;
    }

    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        OutcomeLog log = new OutcomeLog(function, context.getLogger());
        List<BatchItemFailure> failures = new ArrayList<>();
        List<SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSMessage message : messages) {
            if (!handled(message, context, log)) {
                backoff.apply(message, log);
                failures.add(new BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Whether the message is done: every record processed, or none to process. */
    private boolean handled(SQSMessage message, Context context, OutcomeLog log) {
        List<S3ObjectEvent> records;
        try {
            records = S3EventMessages.records(message.getBody());
        } catch (IllegalArgumentException unreadable) {
            log.unreadable(message.getMessageId(), unreadable);
            return false;
        }
        try {
            for (S3ObjectEvent record : records) {
                processor.process(record, S3EventHandler.lease(context.getRemainingTimeInMillis()), log);
            }
            return true;
        } catch (RuntimeException retryable) {
            return false;
        }
    }
}
