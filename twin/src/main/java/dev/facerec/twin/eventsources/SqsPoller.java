package dev.facerec.twin.eventsources;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.lambda.InvocationResult;
import dev.facerec.twin.lambda.LambdaService;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Lambda's poller for one SQS event source mapping. One receiver takes a batch whenever one of the invokers (as many
 * as the mapping's maximum concurrency allows, and no more than the function's own cap) is free; the invoker calls
 * the function synchronously with it and then deletes what succeeded: the whole batch, or with
 * {@code ReportBatchItemFailures} all but the reported messages. A function error, or a partial batch response
 * Lambda would reject, leaves the batch in the queue, where it reappears after the queue's visibility timeout (and
 * moves to the dead-letter queue once its receive count passes the redrive policy's {@code maxReceiveCount}, which
 * ElasticMQ does itself). Nothing is received while every invoker is busy, so no message waits out its visibility
 * timeout in the poller.
 */
final class SqsPoller implements AutoCloseable {

    private static final Logger LOG = System.getLogger(SqsPoller.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECEIVE_WAIT_SECONDS = 1;
    private static final long STOP_WAIT_MILLIS = 3_000;

    private final EventSourceMapping mapping;
    private final LambdaService lambda;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String region;
    private final int concurrency;
    private final Semaphore freeInvokers;
    private final ExecutorService invokers;
    private final Thread receiver;
    private volatile boolean running = true;

    SqsPoller(EventSourceMapping mapping, LambdaService lambda, SqsClient sqs, String region) {
        this.mapping = mapping;
        this.lambda = lambda;
        this.sqs = sqs;
        this.region = region;
        this.queueUrl = sqs.getQueueUrl(b -> b.queueName(mapping.queueName())).queueUrl();
        int limit = mapping.maximumConcurrency() == null ? 1000 : mapping.maximumConcurrency();
        this.concurrency = Math.min(limit, lambda.concurrency(mapping.functionName()));
        this.freeInvokers = new Semaphore(concurrency); // none for reserved concurrency 0: nothing is received
        AtomicInteger invokerCount = new AtomicInteger();
        this.invokers = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
            Thread thread =
                    new Thread(runnable, "sqs-poller-" + mapping.uuid() + "-invoker-" + invokerCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.receiver = new Thread(this::receive, "sqs-poller-" + mapping.uuid());
        receiver.setDaemon(true);
        receiver.start();
    }

    /** How many invocations this poller may have running at once. */
    int workers() {
        return concurrency;
    }

    private void receive() {
        while (running) {
            try {
                freeInvokers.acquire();
            } catch (InterruptedException e) {
                return;
            }
            List<Message> batch;
            try {
                batch = receiveBatch();
            } catch (RuntimeException e) {
                freeInvokers.release();
                if (!running) {
                    return;
                }
                LOG.log(
                        Level.WARNING,
                        "event source mapping " + mapping.uuid() + " of " + mapping.functionName() + ": "
                                + e.getClass().getSimpleName() + " while polling; polling again in a second");
                pause();
                continue;
            }
            if (batch.isEmpty() || !running) {
                freeInvokers.release();
                continue;
            }
            invokers.execute(() -> {
                try {
                    invoke(batch);
                } catch (RuntimeException e) {
                    LOG.log(
                            Level.WARNING,
                            "event source mapping " + mapping.uuid() + ": "
                                    + e.getClass().getSimpleName() + " after invoking " + mapping.functionName());
                } finally {
                    freeInvokers.release();
                }
            });
        }
    }

    /**
     * Up to the batch size: what one receive gives, then, when the mapping has a batching window, more until the
     * batch is full or the window (counted from the first message) has passed.
     */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(mapping.batchSize()));
        long deadline = System.nanoTime() + mapping.batchingWindowSeconds() * 1_000_000_000L;
        while (!batch.isEmpty() && running && batch.size() < mapping.batchSize() && System.nanoTime() < deadline) {
            batch.addAll(receive(mapping.batchSize() - batch.size()));
        }
        return batch;
    }

    private List<Message> receive(int wanted) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(10, wanted))
                        .waitTimeSeconds(RECEIVE_WAIT_SECONDS)
                        .messageSystemAttributeNamesWithStrings("All")
                        .messageAttributeNames("All"))
                .messages();
    }

    private void invoke(List<Message> batch) {
        InvocationResult result =
                lambda.invoke(mapping.functionName(), SqsLambdaEvent.of(batch, mapping.queueArn(), region));
        if (result.failed()) {
            LOG.log(
                    Level.WARNING,
                    "event source mapping " + mapping.uuid() + ": " + mapping.functionName() + " failed ("
                            + errorType(result) + ") on a batch of " + batch.size()
                            + "; the messages reappear after the visibility timeout");
            return;
        }
        if (!mapping.reportBatchItemFailures()) {
            delete(batch);
            return;
        }
        Set<String> ids = batch.stream().map(Message::messageId).collect(Collectors.toSet());
        Optional<Set<String>> failed = BatchResponse.failedMessageIds(result.payload(), ids);
        if (failed.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "event source mapping " + mapping.uuid() + ": " + mapping.functionName()
                            + " returned an invalid partial batch response; the whole batch counts as failed");
            return;
        }
        delete(batch.stream()
                .filter(message -> !failed.get().contains(message.messageId()))
                .toList());
    }

    /** The error document's {@code errorType} (never its message, which may quote the event). */
    private static String errorType(InvocationResult result) {
        try {
            return JSON.readTree(result.payload()).path("errorType").asText("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void delete(List<Message> messages) {
        for (int start = 0; start < messages.size(); start += 10) {
            List<Message> chunk = messages.subList(start, Math.min(messages.size(), start + 10));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                String id = Integer.toString(i);
                String handle = chunk.get(i).receiptHandle();
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(id)
                        .receiptHandle(handle)
                        .build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops polling: running invocations are interrupted (their batches reappear after the visibility timeout), and
     * the threads are given a moment to finish.
     */
    @Override
    public void close() {
        running = false;
        receiver.interrupt();
        invokers.shutdownNow();
        try {
            receiver.join(STOP_WAIT_MILLIS);
            invokers.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
