package dev.logline.context;

import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The context of one thread at one moment — trace context, request event, debug buffer and the whole MDC — to
 * be restored on another thread: capture where work is handed off, restore where it runs.
 *
 * <pre>{@code
 * ContextSnapshot snapshot = ContextSnapshot.capture();
 * worker.submit(() -> { try (ContextScope s = snapshot.restore()) { ... } });   // or snapshot.wrap(runnable)
 * }</pre>
 *
 * <p>Each functional shape has its own name ({@code wrapSupplier}, {@code wrapFunction}…) so a lambda argument is
 * never ambiguous.
 */
@SuppressWarnings("try") // the scopes are opened for their effect on the thread, not used in the body
public final class ContextSnapshot {

    private final ContextState state;
    private final Map<String, String> mdc;

    private ContextSnapshot(ContextState state, Map<String, String> mdc) {
        this.state = state;
        this.mdc = mdc;
    }

    /** Captures the current thread's context. */
    public static ContextSnapshot capture() {
        return new ContextSnapshot(ContextState.current(), MDC.getCopyOfContextMap());
    }

    /**
     * Makes the captured context current on this thread, replacing the MDC; closing the scope brings back the
     * thread's own context and MDC (on a pool thread: nothing).
     */
    public ContextScope restore() {
        Map<String, String> previousMdc = MDC.getCopyOfContextMap();
        ContextState previous = ContextState.swap(state);
        setMdc(mdc);
        return new ContextScope(previous, () -> setMdc(previousMdc));
    }

    private static void setMdc(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(map);
        }
    }

    public Runnable wrap(Runnable task) {
        return () -> {
            try (ContextScope ignored = restore()) {
                task.run();
            }
        };
    }

    public <T> Callable<T> wrap(Callable<T> task) {
        return () -> {
            try (ContextScope ignored = restore()) {
                return task.call();
            }
        };
    }

    public <T> Supplier<T> wrapSupplier(Supplier<T> task) {
        return () -> {
            try (ContextScope ignored = restore()) {
                return task.get();
            }
        };
    }

    public <T, R> Function<T, R> wrapFunction(Function<T, R> task) {
        return t -> {
            try (ContextScope ignored = restore()) {
                return task.apply(t);
            }
        };
    }

    public <T> Consumer<T> wrapConsumer(Consumer<T> task) {
        return t -> {
            try (ContextScope ignored = restore()) {
                task.accept(t);
            }
        };
    }

    public <T, U, R> BiFunction<T, U, R> wrapBiFunction(BiFunction<T, U, R> task) {
        return (t, u) -> {
            try (ContextScope ignored = restore()) {
                return task.apply(t, u);
            }
        };
    }

    public <T, U> BiConsumer<T, U> wrapBiConsumer(BiConsumer<T, U> task) {
        return (t, u) -> {
            try (ContextScope ignored = restore()) {
                task.accept(t, u);
            }
        };
    }
}
