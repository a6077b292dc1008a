package dev.logline.context.logtrace;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.logline.context.CapturedLogs;
import dev.logline.core.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.logline.context.CapturedLogs.keyValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogTraceTest {

    private static final Logger LOG = LoggerFactory.getLogger("shop.auth.Authenticator");
    private final CapturedLogs logs = new CapturedLogs();

    @AfterEach
    void detach() {
        logs.close();
    }

    private static int nextLine() {
        return StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow()).getLineNumber() + 1;
    }

    @SuppressWarnings("unchecked")
    private static List<Step> steps(ILoggingEvent event) {
        return (List<Step>) keyValue(event, "steps");
    }

    @Test
    void foldsStepsIntoOneEventWithLinesElapsedAndFields() {
        int firstLine;
        int secondLine;
        try (LogTrace t = LogTrace.start(LOG, "authenticate")) {
            firstLine = nextLine();
            t.add("auth header present");
            t.put("user", "paul").put("attempt", 2L).put("score", 0.5).put("admin", false);
            t.tag("login", "web");
            secondLine = nextLine();
            t.add("token valid");
            t.add("session created");
        }
        List<ILoggingEvent> events = logs.from("shop.auth");
        assertThat(events).hasSize(1);
        ILoggingEvent event = events.get(0);
        assertThat(event.getLevel().toString()).isEqualTo("INFO");
        assertThat(event.getFormattedMessage()).isEqualTo("authenticate");
        List<Step> steps = steps(event);
        assertThat(steps).extracting(Step::msg).containsExactly("auth header present", "token valid", "session created");
        assertThat(steps.get(0).line()).isEqualTo(firstLine);
        assertThat(steps.get(1).line()).isEqualTo(secondLine);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).tMs()).isGreaterThanOrEqualTo(steps.get(i - 1).tMs());
            assertThat(steps.get(i).dtMs()).isGreaterThanOrEqualTo(0);
        }
        double duration = (Double) keyValue(event, "duration_ms");
        assertThat(duration).isGreaterThanOrEqualTo(steps.get(2).tMs());
        assertThat(keyValue(event, "user")).isEqualTo("paul");
        assertThat(keyValue(event, "attempt")).isEqualTo(2L);
        assertThat(keyValue(event, "score")).isEqualTo(0.5);
        assertThat(keyValue(event, "admin")).isEqualTo(false);
        assertThat(keyValue(event, "tags")).isEqualTo(List.of("login", "web"));
        assertThat(keyValue(event, "outcome")).isEqualTo("ok");
        assertThat((String) keyValue(event, "log_uid")).hasSize(16);
    }

    @Test
    void emitsOnceEvenWhenEmittedExplicitlyAndClosed() {
        LogTrace t = LogTrace.start(LOG, "checkout");
        t.add("cart loaded");
        t.emit();
        t.add("ignored after emit");
        t.close();
        t.close();
        assertThat(logs.from("shop.auth")).hasSize(1);
        assertThat(t.emitted()).isTrue();
    }

    @Test
    void failureRaisesLevelAndAttachesError() {
        IllegalStateException boom = new IllegalStateException("token expired");
        try (LogTrace t = LogTrace.start(LOG, Level.DEBUG, "authenticate")) {
            t.add("auth header present");
            try {
                throw boom;
            } catch (IllegalStateException e) {
                t.fail(e);
            }
        }
        ILoggingEvent event = logs.from("shop.auth").get(0);
        assertThat(event.getLevel().toString()).isEqualTo("ERROR");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("token expired");
        assertThat(keyValue(event, "outcome")).isEqualTo("error");
        // DEBUG was disabled when the trace started, so no line was looked up for its steps.
        assertThat(steps(event).get(0).line()).isZero();
    }

    @Test
    void callFailsTheTraceAndRethrows() {
        assertThatThrownBy(() -> LogTrace.call(LOG, "pay", t -> {
            t.add("card checked");
            throw new IllegalArgumentException("declined");
        })).hasMessage("declined");
        ILoggingEvent event = logs.from("shop.auth").get(0);
        assertThat(event.getLevel().toString()).isEqualTo("ERROR");
        assertThat(keyValue(event, "outcome")).isEqualTo("error");
        int answer = LogTrace.call(LOG, "ok", t -> 42);
        assertThat(answer).isEqualTo(42);
        assertThat(logs.from("shop.auth")).hasSize(2);
    }

    @Test
    void concurrentAddsAreAllKeptInTimeOrder() throws Exception {
        int threads = 4;
        int perThread = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (LogTrace t = LogTrace.start(LOG, "fan-out")) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int worker = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int j = 0; j < perThread; j++) {
                        t.add("w" + worker + "-" + j);
                        t.put("w" + worker, (long) j);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ILoggingEvent event = logs.from("shop.auth").get(0);
        List<Step> steps = steps(event);
        assertThat(steps).hasSize(threads * perThread);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).tMs()).isGreaterThanOrEqualTo(steps.get(i - 1).tMs());
        }
        for (int w = 0; w < threads; w++) {
            int worker = w;
            List<String> own = steps.stream().map(Step::msg).filter(m -> m.startsWith("w" + worker + "-")).toList();
            assertThat(own).hasSize(perThread);
            assertThat(own.get(perThread - 1)).isEqualTo("w" + worker + "-" + (perThread - 1));
            assertThat(keyValue(event, "w" + worker)).isEqualTo((long) perThread - 1);
        }
    }

    @Test
    void aDisabledLevelCostsNoStackWalk() {
        long before = CallerLine.walks();
        try (LogTrace t = LogTrace.start(LOG, Level.TRACE, "hot loop")) {
            for (int i = 0; i < 100; i++) {
                t.add("step " + i);
            }
        }
        assertThat(CallerLine.walks()).isEqualTo(before);
        assertThat(logs.from("shop.auth")).isEmpty();

        try (LogTrace t = LogTrace.start(LOG, "lines off").lines(false)) {
            t.add("a");
        }
        assertThat(CallerLine.walks()).isEqualTo(before);

        try (LogTrace t = LogTrace.start(LOG, "lines on")) {
            t.add("a");
            t.add("b");
        }
        assertThat(CallerLine.walks()).isEqualTo(before + 2);
    }

    @Test
    void eventCarriesTheTraceIdOfTheScopeItIsEmittedIn() {
        dev.logline.core.trace.TraceContext ctx = dev.logline.core.trace.TraceContext.newRoot();
        try (var scope = dev.logline.context.CurrentTrace.open(ctx); LogTrace t = LogTrace.start(LOG, "in trace")) {
            t.add("x");
        }
        Map<String, String> mdc = CapturedLogs.mdc(logs.from("shop.auth").get(0));
        assertThat(mdc).containsEntry("trace_id", ctx.traceId());
    }
}
