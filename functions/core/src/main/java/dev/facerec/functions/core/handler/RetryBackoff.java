package dev.facerec.functions.core.handler;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.facerec.functions.core.aws.AwsClients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Exponential backoff for the messages a queue handler reports as failed: each one's visibility is shortened to a
 * jittered pause that doubles with its receive count ({@code ApproximateReceiveCount}): 2.5–5 s after the first
 * receive, 5–10 s after the second, … up to 2.5–5 minutes, instead of the queue's whole visibility timeout (six
 * times the function's timeout). A throttled photo is thus tried again soon, and less often the longer Rekognition
 * keeps refusing, until the queue's {@code maxReceiveCount} moves it to the dead-letter queue. If changing the
 * visibility fails, the message simply waits out the queue's visibility timeout: the backoff never fails a batch.
 * The SQS client is built on the first failure only; it uses the function's own role (the event source mapping
 * already needs {@code sqs:ChangeMessageVisibility} and {@code sqs:GetQueueUrl} on the queue).
 */
public final class RetryBackoff {

    static final Duration BASE = Duration.ofSeconds(5);
    static final Duration MAX = Duration.ofMinutes(5);

    private final Supplier<SqsClient> sqs;
    private final RandomGenerator random;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private volatile SqsClient client;
    private volatile RuntimeException unavailable;

    /** A backoff whose SQS client comes from {@code sqs} (called once, on the first failure). */
    public RetryBackoff(Supplier<SqsClient> sqs, RandomGenerator random) {
        this.sqs = sqs;
        this.random = random;
    }

    /** The backoff of a function: its SQS client built the ordinary way, from the environment. */
    public static RetryBackoff fromEnvironment() {
        return new RetryBackoff(() -> AwsClients.configured(SqsClient.builder()), RandomGenerator.getDefault());
    }

    /** The pause, in whole seconds, after the {@code receiveCount}-th receive, for a jitter in [0, 1). */
    static int seconds(int receiveCount, double jitter) {
        int doublings = Math.max(0, Math.min(receiveCount, 20) - 1);
        long ceiling = Math.min(MAX.toSeconds(), BASE.toSeconds() << doublings);
        return (int) Math.ceil(ceiling / 2.0 + jitter * ceiling / 2.0);
    }

    /** Puts {@code message} back in its queue after its pause; logs what happened (message id only). */
    void apply(SQSMessage message, OutcomeLog log) {
        int seconds = seconds(receiveCount(message), random.nextDouble());
        try {
            String url = queueUrls.computeIfAbsent(message.getEventSourceArn(), this::queueUrl);
            client().changeMessageVisibility(b ->
                    b.queueUrl(url).receiptHandle(message.getReceiptHandle()).visibilityTimeout(seconds));
            log.backoff(message.getMessageId(), seconds, null);
        } catch (RuntimeException e) {
            log.backoff(message.getMessageId(), seconds, e);
        }
    }

    private static int receiveCount(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The URL of the queue {@code arn:<partition>:sqs:<region>:<account>:<name>}, as SQS gives it. */
    private String queueUrl(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6) {
            throw new IllegalArgumentException("not a queue ARN");
        }
        return client().getQueueUrl(b -> b.queueName(parts[5]).queueOwnerAWSAccountId(parts[4]))
                .queueUrl();
    }

    /** The SQS client, built once; a client that could not be built is not tried again in this container. */
    private SqsClient client() {
        SqsClient current = client;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (unavailable != null) {
                throw unavailable;
            }
            if (client == null) {
                try {
                    client = sqs.get();
                } catch (RuntimeException e) {
                    unavailable = e;
                    throw e;
                }
            }
            return client;
        }
    }
}
