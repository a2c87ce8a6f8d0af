package dev.facerec.twin.eventsources;

import java.util.List;

/**
 * A Lambda event source mapping from an SQS queue, as {@code CreateEventSourceMapping} (and
 * {@code AWS::Lambda::EventSourceMapping}) define it, checked against Lambda's limits for SQS.
 *
 * @param uuid the mapping's id
 * @param functionName the function's name (a qualifier of the template's name or ARN is dropped: the twin runs
 *     {@code $LATEST})
 * @param queueArn the queue ({@code EventSourceArn})
 * @param batchSize at most this many messages per invocation: 1 to 10000, default 10
 * @param batchingWindowSeconds how long to gather messages before invoking: 0 to 300, default 0; at least 1 when
 *     the batch size is over 10
 * @param maximumConcurrency the cap on concurrent invocations ({@code ScalingConfig.MaximumConcurrency}, 2 to 1000), or
 *     {@code null} for none
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}
 * @param enabled whether the mapping polls
 */
public record EventSourceMapping(
        String uuid,
        String functionName,
        String queueArn,
        int batchSize,
        int batchingWindowSeconds,
        Integer maximumConcurrency,
        boolean reportBatchItemFailures,
        boolean enabled) {

    public static final int DEFAULT_BATCH_SIZE = 10;

    public EventSourceMapping {
        if (!queueArn.startsWith("arn:aws:sqs:")) {
            throw new IllegalArgumentException("the twin's event source mappings read SQS queues only; EventSourceArn "
                    + queueArn + " is not a queue");
        }
        if (queueArn.endsWith(".fifo")) {
            throw new IllegalArgumentException("the twin does not poll FIFO queues: " + queueArn);
        }
        between("BatchSize", batchSize, 1, 10_000);
        between("MaximumBatchingWindowInSeconds", batchingWindowSeconds, 0, 300);
        if (batchSize > 10 && batchingWindowSeconds < 1) {
            throw new IllegalArgumentException(
                    "a BatchSize over 10 needs a MaximumBatchingWindowInSeconds of at least 1 second");
        }
        if (maximumConcurrency != null) {
            between("ScalingConfig.MaximumConcurrency", maximumConcurrency, 2, 1000);
        }
    }

    /** The function name in a name, a function ARN, a partial ARN or a qualified (alias or version) ARN. */
    public static String functionName(String nameOrArn) {
        int function = nameOrArn.indexOf("function:");
        String name = function < 0 ? nameOrArn : nameOrArn.substring(function + "function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    /** Whether {@code FunctionResponseTypes} asks for partial batch responses; other values are errors. */
    public static boolean reportsBatchItemFailures(List<String> functionResponseTypes) {
        for (String type : functionResponseTypes) {
            if (!"ReportBatchItemFailures".equals(type)) {
                throw new IllegalArgumentException(
                        "unknown FunctionResponseTypes value " + type + " (Lambda knows ReportBatchItemFailures only)");
            }
        }
        return !functionResponseTypes.isEmpty();
    }

    /** The queue's name (the ARN's last part). */
    public String queueName() {
        return queueArn.substring(queueArn.lastIndexOf(':') + 1);
    }

    private static void between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
