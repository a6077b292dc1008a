package dev.logline.context.propagation;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wraps executors so tasks run in the submitter's context (trace, request event, debug buffer, MDC) and leave
 * nothing behind on the pool thread.
 */
public final class ContextExecutors {

    private ContextExecutors() {
    }

    public static Executor wrap(Executor executor) {
        if (executor instanceof ContextExecutor || executor instanceof ContextExecutorService) {
            return executor;
        }
        return new ContextExecutor(executor);
    }

    public static ExecutorService wrap(ExecutorService executor) {
        if (executor instanceof ContextExecutorService) {
            return executor;
        }
        return new ContextExecutorService(executor);
    }

    public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
        if (executor instanceof ContextScheduledExecutorService) {
            return executor;
        }
        return new ContextScheduledExecutorService(executor);
    }
}
