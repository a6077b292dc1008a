package dev.logline.ml.run;

import dev.logline.context.ContextScope;
import org.slf4j.MDC;

/**
 * A run bound to the current thread ({@link RunLog#bind()}): its trace context and {@code run_id} in MDC until
 * {@link #close()}, which puts back what was there. Close it on the thread that opened it; closing twice is harmless.
 */
public final class RunScope implements AutoCloseable {

    private final ContextScope trace;
    private final String previousRunId;
    private boolean closed;

    /** Puts {@code runId} into MDC (remembering the value it replaces) beside the already open trace scope. */
    RunScope(ContextScope trace, String runId) {
        this.trace = trace;
        this.previousRunId = MDC.get(RunLog.RUN_ID);
        MDC.put(RunLog.RUN_ID, runId);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (previousRunId == null) {
                MDC.remove(RunLog.RUN_ID);
            } else {
                MDC.put(RunLog.RUN_ID, previousRunId);
            }
        } finally {
            trace.close();
        }
    }
}
