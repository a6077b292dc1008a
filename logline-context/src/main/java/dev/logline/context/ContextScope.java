package dev.logline.context;

/**
 * A binding of context to the current thread, undone by {@link #close()}: the previous context and the previous
 * MDC entries come back. Close it on the thread that opened it, best with try-with-resources; closing twice is
 * harmless.
 */
public final class ContextScope implements AutoCloseable {

    private final ContextState previous;
    private final Runnable restoreMdc;
    private boolean closed;

    ContextScope(ContextState previous, Runnable restoreMdc) {
        this.previous = previous;
        this.restoreMdc = restoreMdc;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ContextState.swap(previous);
        restoreMdc.run();
    }
}
