package dev.facerec.engine.store;

import java.util.function.Consumer;

/** Where a collection's changes are made durable before they are applied. */
interface Journal extends AutoCloseable {

    /** Makes {@code record} durable; returns only once it would survive a crash. */
    void append(LogRecord record);

    /** Whether the journal has grown enough that a snapshot would pay off. */
    boolean wantsCompaction();

    /** Replaces everything written so far with the records {@code state} emits, which rebuild the current state. */
    void compact(Consumer<Consumer<LogRecord>> state);

    @Override
    void close();

    /** A journal that keeps nothing: the in-memory mode. */
    static Journal none() {
        return new Journal() {
            @Override
            public void append(LogRecord record) {}

            @Override
            public boolean wantsCompaction() {
                return false;
            }

            @Override
            public void compact(Consumer<Consumer<LogRecord>> state) {}

            @Override
            public void close() {}
        };
    }
}
