package dev.logline.context.propagation;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ContextCompletableFutureTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void everyAsyncStageOfAChainRunsInTheDeclaringContext() throws Exception {
        TraceContext ctx = TraceContext.newRoot();
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> result;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            result = ContextCompletableFuture.supplyAsync(() -> {
                        seen.add(MDC.get("trace_id"));
                        return 1;
                    }, pool)
                    .thenApplyAsync(n -> {
                        seen.add(MDC.get("trace_id"));
                        return n + 1;
                    })
                    .thenApplyAsync(n -> {
                        seen.add(MDC.get("trace_id"));
                        return n * 10;
                    }, pool)
                    .thenCombineAsync(CompletableFuture.completedFuture(5), (a, b) -> {
                        seen.add(MDC.get("trace_id"));
                        return a + b;
                    })
                    .thenComposeAsync(n -> ContextCompletableFuture.supplyAsync(() -> {
                        seen.add(MDC.get("trace_id"));
                        return n;
                    }, pool), pool);
        }
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(25);
        assertThat(seen).hasSize(5).allMatch(ctx.traceId()::equals);
        assertThat(pool.submit(() -> MDC.get("trace_id")).get()).isNull();
    }

    @Test
    void stagesOnAFutureCompletedByAForeignThreadKeepTheirContext() throws Exception {
        TraceContext ctx = TraceContext.newRoot();
        CompletableFuture<String> foreign = new CompletableFuture<>();
        CompletableFuture<String> chained;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            chained = ContextCompletableFuture.adopt(foreign)
                    .thenApplyAsync(v -> v + ":" + MDC.get("trace_id"), pool);
        }
        // Completed from a thread that never saw the request's context.
        Thread completer = new Thread(() -> foreign.complete("done"));
        completer.start();
        completer.join();
        assertThat(chained.get(10, TimeUnit.SECONDS)).isEqualTo("done:" + ctx.traceId());
    }

    @Test
    void exceptionalStagesCarryContextToo() throws Exception {
        TraceContext ctx = TraceContext.newRoot();
        CompletableFuture<String> recovered;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            recovered = ContextCompletableFuture.<String>supplyAsync(() -> {
                throw new IllegalStateException("boom");
            }, pool).handleAsync((v, e) -> e.getCause().getMessage() + ":" + MDC.get("trace_id"));
        }
        assertThat(recovered.get(10, TimeUnit.SECONDS)).isEqualTo("boom:" + ctx.traceId());
    }
}
