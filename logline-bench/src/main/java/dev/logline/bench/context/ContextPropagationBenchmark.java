package dev.logline.bench.context;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.context.propagation.ContextExecutors;
import dev.logline.core.trace.TraceContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What carrying the trace context across threads costs (issue #3): a task run through
 * {@code ContextExecutors.wrap(executor)} against the same executor unwrapped, with a trace open on the
 * submitting thread. "direct" runs the task on the caller (the pure capture/restore cost); "pool" submits it to a
 * one-thread pool and waits (the cost as an application sees it, thread hand-off included).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContextPropagationBenchmark {

    private final Executor direct = Runnable::run;
    private Executor wrappedDirect;
    private ExecutorService pool;
    private ExecutorService wrappedPool;
    private ContextScope scope;

    @Setup
    public void setup() {
        wrappedDirect = ContextExecutors.wrap(direct);
        pool = Executors.newSingleThreadExecutor();
        wrappedPool = ContextExecutors.wrap(pool);
        // JMH runs Scope.Thread setup on the benchmark thread, so the trace is open where tasks are submitted.
        scope = CurrentTrace.open(TraceContext.newRoot());
    }

    @TearDown
    public void tearDown() {
        scope.close();
        pool.shutdownNow();
    }

    @Benchmark
    public void directPlain(Blackhole bh) {
        direct.execute(() -> bh.consume(MDC.get("trace_id")));
    }

    @Benchmark
    public void directWrapped(Blackhole bh) {
        wrappedDirect.execute(() -> bh.consume(MDC.get("trace_id")));
    }

    @Benchmark
    public Object poolPlain() throws ExecutionException, InterruptedException {
        return pool.submit(() -> MDC.get("trace_id")).get();
    }

    @Benchmark
    public Object poolWrapped() throws ExecutionException, InterruptedException {
        return wrappedPool.submit(() -> MDC.get("trace_id")).get();
    }
}
