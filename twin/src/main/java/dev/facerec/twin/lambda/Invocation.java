package dev.facerec.twin.lambda;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One invocation handed to an execution environment: picked up by the runtime, then answered. */
final class Invocation {

    private final String requestId;
    private final byte[] payload;
    private final String functionArn;
    private final Duration timeout;
    private final CompletableFuture<Long> pickedUp = new CompletableFuture<>();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

    Invocation(String requestId, byte[] payload, String functionArn, Duration timeout) {
        this.requestId = requestId;
        this.payload = payload.clone();
        this.functionArn = functionArn;
        this.timeout = timeout;
    }

    String requestId() {
        return requestId;
    }

    byte[] payload() {
        return payload.clone();
    }

    String functionArn() {
        return functionArn;
    }

    /** Marks the invocation as handed to the runtime and returns its deadline in epoch milliseconds. */
    long pickUp() {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        pickedUp.complete(deadline);
        return deadline;
    }

    /** Completes with the deadline (epoch milliseconds) when the runtime has taken the invocation. */
    CompletableFuture<Long> pickedUp() {
        return pickedUp;
    }

    CompletableFuture<InvocationResult> result() {
        return result;
    }

    void complete(InvocationResult outcome) {
        result.complete(outcome);
    }
}
