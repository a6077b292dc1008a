package dev.logline.context.propagation;

import dev.logline.context.ContextSnapshot;

import java.util.Objects;
import java.util.concurrent.Executor;

/** An {@link Executor} that runs each task in the context of the thread that submitted it. */
public class ContextExecutor implements Executor {

    private final Executor delegate;

    public ContextExecutor(Executor delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(ContextSnapshot.capture().wrap(task));
    }
}
