package dev.logline.server.api;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Step;
import dev.logline.store.StoredEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceViewTest {

    static StoredEvent event(String id, long ts, String service, Level level) {
        return new StoredEvent(id, LogEvent.builder().tsMicros(ts).service(service).level(level).build(), 10);
    }

    @Test
    void sortsByTimeAndBuildsLanesInOrderOfFirstAppearance() {
        StoredEvent traced = new StoredEvent("t", LogEvent.builder().tsMicros(2_500).service("b")
                .steps(List.of(new Step(1, 1, 10, "s1"))).error(new ErrorInfo("X", "boom")).build(), 10);
        TraceView view = TraceView.of(List.of(
                event("late", 9_000, "a", Level.INFO),
                traced,
                event("first", 1_000, "a", Level.INFO),
                event("none", 4_000, null, Level.FATAL),
                event("b2", 3_000, "b", Level.WARN)));
        assertThat(view.events()).extracting(p -> p.stored().id()).containsExactly("first", "t", "b2", "none", "late");
        assertThat(view.lanes()).extracting(TraceView.Lane::service).containsExactly("a", "b", TraceView.UNKNOWN_SERVICE);
        TraceView.Lane a = view.lanes().get(0);
        assertThat(a.firstMicros()).isEqualTo(1_000);
        assertThat(a.lastMicros()).isEqualTo(9_000);
        assertThat(a.count()).isEqualTo(2);
        TraceView.Lane b = view.lanes().get(1);
        assertThat(b.errors()).as("an error object counts even at INFO").isEqualTo(1);
        assertThat(b.logTraces()).extracting(StoredEvent::id).containsExactly("t");
        assertThat(view.lanes().get(2).errors()).isEqualTo(1);
        assertThat(view.handoffs()).extracting(h -> h.fromService() + ">" + h.toService() + ":" + h.gapMicros())
                .containsExactly("a>b:1500", "b>(unknown):1000", "(unknown)>a:5000");
    }

    @Test
    void anEventWithADurationStartsThatMuchBeforeItsTimeAndIsOrderedByItsStart() {
        // A request event logged when its 0.5 ms of work ended, a DEBUG line logged during that work, and an
        // event after both: ordered by start, offsets from the earliest start, duration to the latest end.
        StoredEvent request = new StoredEvent("request", LogEvent.builder().tsMicros(10_000).service("shop")
                .durationMs(0.5).build(), 10);
        TraceView view = TraceView.of(List.of(
                event("after", 10_200, "shop", Level.INFO),
                request,
                event("debug", 9_800, "shop", Level.DEBUG),
                event("same-time-1", 9_800, "shop", Level.INFO)));
        assertThat(view.events()).extracting(p -> p.stored().id())
                .containsExactly("request", "debug", "same-time-1", "after");
        assertThat(view.startMicros()).isEqualTo(9_500);
        assertThat(view.endMicros()).isEqualTo(10_200);
        assertThat(view.events()).extracting(p -> view.offsetMs(p.startMicros())).containsExactly(0.0, 0.3, 0.3, 0.7);
        assertThat(view.offsetMs(view.endMicros())).isEqualTo(0.7);
        assertThat(view.lanes().get(0).firstMicros()).isEqualTo(9_500);
    }

    @Test
    void anEmptyTransactionHasNoLanes() {
        TraceView view = TraceView.of(List.of());
        assertThat(view.lanes()).isEmpty();
        assertThat(view.handoffs()).isEmpty();
    }
}
