package dev.facerec.twin.lambda;

import dev.facerec.twin.lambda.DestinationRecord.Condition;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.DelayQueue;

/**
 * Lambda's queue for one function's asynchronous invocations: events wait here until a slot under the function's
 * concurrency cap is free; a function error is retried up to {@code MaximumRetryAttempts} times after the
 * configured delays; an event older than {@code MaximumEventAgeInSeconds} is not invoked again; an event that fails
 * for good goes to the on-failure destination, one that succeeds to the on-success destination, if configured.
 */
final class AsyncEventQueue implements AutoCloseable {

    private static final Logger LOG = System.getLogger(AsyncEventQueue.class.getName());

    private final String functionArn;
    private final FunctionInstances instances;
    private final EventInvokeConfig config;
    private final List<Duration> retryDelays;
    private final EventStore store;
    private final DestinationSender destinations;
    private final DelayQueue<QueuedEvent> queue = new DelayQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    AsyncEventQueue(
            String functionArn,
            FunctionInstances instances,
            EventInvokeConfig config,
            List<Duration> retryDelays,
            EventStore store,
            DestinationSender destinations) {
        this.functionArn = functionArn;
        this.instances = instances;
        this.config = config;
        this.retryDelays = retryDelays;
        this.store = store;
        this.destinations = destinations;
        queue.addAll(store.loadAll());
        String name = instances.function().name();
        for (int i = 0; i < instances.concurrency(); i++) {
            Thread worker = new Thread(this::work, "lambda-async-" + name + "-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    /** Accepts an event, as {@code Invoke} with {@code InvocationType=Event} does, and returns its request id. */
    String submit(byte[] payload) {
        Instant now = Instant.now();
        QueuedEvent event = new QueuedEvent(UUID.randomUUID().toString(), payload, now, 0, now);
        store.save(event);
        queue.add(event);
        return event.requestId();
    }

    /** How many events are not done: waiting, waiting for a retry, or running. */
    int pending() {
        return store.count();
    }

    private void work() {
        while (running) {
            try {
                handle(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "asynchronous invocation of " + functionArn + " failed in the twin", e);
            }
        }
    }

    /** Runs one event; when the queue is closing meanwhile, the event stays in the store for the next start. */
    private void handle(QueuedEvent event) throws InterruptedException {
        if (event.age().compareTo(config.maximumEventAge()) > 0) {
            finish(event, Condition.EventAgeExceeded, null, config.onFailureDestination());
            return;
        }
        InvocationResult result = instances.invoke(event.requestId(), event.payload());
        if (!running) {
            return;
        }
        int invokeCount = event.attempts() + 1;
        if (!result.failed()) {
            finish(event, Condition.Success, result, config.onSuccessDestination());
        } else if (invokeCount <= config.maximumRetryAttempts()) {
            QueuedEvent retry = event.retryAfter(retryDelays.get(invokeCount - 1));
            store.save(retry);
            queue.add(retry);
        } else {
            finish(event, Condition.RetriesExhausted, result, config.onFailureDestination());
        }
    }

    private void finish(QueuedEvent event, Condition condition, InvocationResult result, String destination) {
        if (destination != null) {
            int invokeCount = result == null ? event.attempts() : event.attempts() + 1;
            destinations.send(destination, DestinationRecord.of(functionArn, event, invokeCount, condition, result));
        } else if (condition != Condition.Success) {
            LOG.log(
                    Level.WARNING,
                    "an asynchronous event of " + functionArn + " was dropped (" + condition
                            + ") and the function has no on-failure destination");
        }
        store.delete(event.requestId());
    }

    /** Stops the workers; events not yet done stay in the store for the next start. */
    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
    }
}
