package dev.logline.context;

import dev.logline.core.trace.TraceContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ContextSnapshotTest {

    @Test
    void captureOnOneThreadRestoreOnAnotherByHand() throws Exception {
        TraceContext ctx = TraceContext.newRoot();
        RequestEvent event = RequestEvent.create();
        ContextSnapshot snapshot;
        try (ContextScope t = CurrentTrace.open(ctx); ContextScope r = event.bind()) {
            MDC.put("user", "paul");
            snapshot = ContextSnapshot.capture();
            MDC.remove("user");
        }
        AtomicReference<String> seenTrace = new AtomicReference<>();
        AtomicReference<String> seenUser = new AtomicReference<>();
        AtomicReference<String> after = new AtomicReference<>("not run");
        Thread worker = new Thread(() -> {
            MDC.put("worker", "own");
            try (ContextScope s = snapshot.restore()) {
                seenTrace.set(MDC.get("trace_id"));
                seenUser.set(MDC.get("user"));
                RequestEvent.current().put("from_worker", true);
            }
            after.set(MDC.get("worker") + "/" + MDC.get("trace_id") + "/" + CurrentTrace.get().isPresent());
        });
        worker.start();
        worker.join();
        assertThat(seenTrace.get()).isEqualTo(ctx.traceId());
        assertThat(seenUser.get()).isEqualTo("paul");
        assertThat(event.fields()).containsEntry("from_worker", true);
        assertThat(after.get()).isEqualTo("own/null/false");
    }

    @Test
    void requestEventOutsideARequestIgnoresFields() {
        RequestEvent inert = RequestEvent.current();
        inert.put("k", "v");
        assertThat(inert.isActive()).isFalse();
        assertThat(inert.fields()).isEmpty();
    }
}
