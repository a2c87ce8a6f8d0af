package dev.facerec.functions.testing;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An interceptor for {@link TestClients}' clients that runs an action once, right after the first call whose request
 * matches: a test puts something (an erasure, another event) at one exact point of a handler's work, with the real
 * server on both sides.
 */
public final class RunOnceAfter implements ExecutionInterceptor {

    private final AtomicReference<Predicate<SdkRequest>> when = new AtomicReference<>();
    private final AtomicReference<Runnable> action = new AtomicReference<>();

    /** Runs {@code action} right after the next call whose request matches {@code when}, once. */
    public void arm(Predicate<SdkRequest> when, Runnable action) {
        this.when.set(when);
        this.action.set(action);
    }

    /** The action still waiting for its call, or null once it ran (or if none was armed). */
    public Runnable pending() {
        return action.get();
    }

    @Override
    public void afterExecution(Context.AfterExecution call, ExecutionAttributes attributes) {
        Predicate<SdkRequest> matches = when.get();
        if (matches != null && matches.test(call.request())) {
            Runnable run = action.getAndSet(null);
            if (run != null) {
                run.run();
            }
        }
    }
}
