package dev.logline.context;

import dev.logline.core.trace.TraceContext;

/**
 * Everything Logline binds to the current thread besides MDC, held as one immutable value so it is captured and
 * restored in one step. The thread-local entry is removed when empty, so pooled threads keep nothing.
 */
record ContextState(TraceContext trace, RequestEvent request, DebugBuffer buffer) {

    static final ContextState EMPTY = new ContextState(null, null, null);

    private static final ThreadLocal<ContextState> CURRENT = new ThreadLocal<>();

    static ContextState current() {
        ContextState state = CURRENT.get();
        return state == null ? EMPTY : state;
    }

    /** Binds {@code next} and returns what was bound before. */
    static ContextState swap(ContextState next) {
        ContextState previous = current();
        if (next.isEmpty()) {
            CURRENT.remove();
        } else {
            CURRENT.set(next);
        }
        return previous;
    }

    boolean isEmpty() {
        return trace == null && request == null && buffer == null;
    }

    ContextState withTrace(TraceContext t) {
        return new ContextState(t, request, buffer);
    }

    ContextState withRequest(RequestEvent r) {
        return new ContextState(trace, r, buffer);
    }

    ContextState withBuffer(DebugBuffer b) {
        return new ContextState(trace, request, b);
    }
}
