package dev.logline.bench.appender;

import org.apache.logging.log4j.ThreadContext;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.MDC;

/**
 * The application thread: it carries the event's MDC and logs at a steady rate. Pacing matters: an unpaced loop
 * logs millions of events a second, more than any shipper's background thread sends, so every peer would measure
 * its full-queue policy (spool, drop or block) instead of the call. The pause runs in an invocation-level setup,
 * outside the timed call.
 */
@State(Scope.Thread)
public class Caller {

    /**
     * Nanoseconds between the starts of two logging calls: 100,000 = 10,000 events per second per thread, a busy
     * service; 20,000 (50,000 a second) outruns LoglineAppender's gzip sender on a small shared machine.
     */
    @Param({"100000"})
    public long pacingNanos;

    private long nextCall;

    @Setup(Level.Trial)
    public void putContext() {
        for (String[] kv : BenchEvent.CONTEXT) {
            MDC.put(kv[0], kv[1]);
            ThreadContext.put(kv[0], kv[1]);
        }
        nextCall = System.nanoTime();
    }

    @Setup(Level.Invocation)
    public void pace() {
        long now = System.nanoTime();
        // a thread that fell behind (descheduled) does not burst to catch up: the rate stays a ceiling
        nextCall = Math.max(nextCall + pacingNanos, now);
        while (System.nanoTime() < nextCall) {
            Thread.onSpinWait();
        }
    }

    @TearDown(Level.Trial)
    public void clearContext() {
        MDC.clear();
        ThreadContext.clearMap();
    }
}
