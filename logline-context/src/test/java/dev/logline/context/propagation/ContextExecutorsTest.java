package dev.logline.context.propagation;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ContextExecutorsTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        scheduler.shutdownNow();
    }

    /** What a task sees of the context: the MDC trace id, or "none". */
    private static String seen() {
        String id = MDC.get("trace_id");
        return id == null ? "none" : id + (CurrentTrace.get().isPresent() ? "" : " (mdc only)");
    }

    /** Asks the raw pool thread what it holds after the wrapped tasks ran: nothing may be left. */
    private String leftOnPoolThread() throws Exception {
        return pool.submit(ContextExecutorsTest::seen).get();
    }

    @Test
    void executorRunsTaskInTheSubmittersContext() throws Exception {
        TraceContext ctx = TraceContext.newRoot();
        AtomicReference<String> seen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            ContextExecutors.wrap((java.util.concurrent.Executor) pool).execute(() -> {
                seen.set(seen());
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo(ctx.traceId());
        assertThat(leftOnPoolThread()).isEqualTo("none");
    }

    @Test
    void executorServiceSubmitAndInvokeAllCarryContext() throws Exception {
        ExecutorService wrapped = ContextExecutors.wrap(pool);
        TraceContext ctx = TraceContext.newRoot();
        Future<String> submitted;
        List<Future<String>> all;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            submitted = wrapped.submit((Callable<String>) ContextExecutorsTest::seen);
            all = wrapped.invokeAll(List.of(ContextExecutorsTest::seen, ContextExecutorsTest::seen));
        }
        assertThat(submitted.get()).isEqualTo(ctx.traceId());
        for (Future<String> f : all) {
            assertThat(f.get()).isEqualTo(ctx.traceId());
        }
        assertThat(leftOnPoolThread()).isEqualTo("none");
    }

    @Test
    void tasksOfDifferentRequestsOnOnePoolThreadDoNotMix() throws Exception {
        ExecutorService wrapped = ContextExecutors.wrap(pool);
        TraceContext first = TraceContext.newRoot();
        TraceContext second = TraceContext.newRoot();
        Future<String> a;
        Future<String> b;
        try (ContextScope scope = CurrentTrace.open(first)) {
            a = wrapped.submit((Callable<String>) ContextExecutorsTest::seen);
        }
        try (ContextScope scope = CurrentTrace.open(second)) {
            b = wrapped.submit((Callable<String>) ContextExecutorsTest::seen);
        }
        Future<String> none = wrapped.submit((Callable<String>) ContextExecutorsTest::seen);
        assertThat(a.get()).isEqualTo(first.traceId());
        assertThat(b.get()).isEqualTo(second.traceId());
        assertThat(none.get()).isEqualTo("none");
    }

    @Test
    void scheduledAndPeriodicTasksCarryContext() throws Exception {
        ScheduledExecutorService wrapped = ContextExecutors.wrap(scheduler);
        TraceContext ctx = TraceContext.newRoot();
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicReference<String> periodicSeen = new AtomicReference<>();
        ScheduledFuture<String> once;
        ScheduledFuture<?> periodic;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            once = wrapped.schedule(ContextExecutorsTest::seen, 1, TimeUnit.MILLISECONDS);
            periodic = wrapped.scheduleAtFixedRate(() -> {
                periodicSeen.set(seen());
                threeRuns.countDown();
            }, 0, 1, TimeUnit.MILLISECONDS);
        }
        assertThat(once.get(10, TimeUnit.SECONDS)).isEqualTo(ctx.traceId());
        assertThat(threeRuns.await(10, TimeUnit.SECONDS)).isTrue();
        periodic.cancel(false);
        assertThat(periodicSeen.get()).isEqualTo(ctx.traceId());
        assertThat(scheduler.submit(ContextExecutorsTest::seen).get()).isEqualTo("none");
    }
}
