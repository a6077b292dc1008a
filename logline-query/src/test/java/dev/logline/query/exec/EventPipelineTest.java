package dev.logline.query.exec;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPipelineTest {

    /** Events newest first: e9 … e0, latency 10 × i, odd ones ERROR. */
    private static final List<LogEvent> NEWEST_FIRST = new ArrayList<>();

    static {
        for (int i = 9; i >= 0; i--) {
            NEWEST_FIRST.add(LogEvent.builder().tsMicros(1_000_000L * i).level(i % 2 == 1 ? Level.ERROR : Level.INFO)
                    .msg("e" + i).attribute("latency_ms", 10L * i).attribute("n", (long) i).build());
        }
    }

    private static EventPipeline<String> run(String lql) {
        Query q = LqlParser.parse(lql);
        EventPipeline<String> p = new EventPipeline<>(q.pipes(), 1000);
        for (LogEvent e : NEWEST_FIRST) {
            if (p.saturated()) {
                break;
            }
            p.accept(e, 100, e.msg());
        }
        return p;
    }

    @Test
    void pipesRunInTheOrderWritten() {
        // limit, then where: of the newest five, the errors
        assertThat(run("* | limit 5 | where level:ERROR").events()).containsExactly("e9", "e7", "e5");
        // where, then limit: the newest five errors
        assertThat(run("* | where level:ERROR | limit 5").events()).containsExactly("e9", "e7", "e5", "e3", "e1");
        // sort, then limit: the smallest latencies of all
        assertThat(run("* | sort by latency_ms | limit 3").events()).containsExactly("e0", "e1", "e2");
        // limit, then sort: the newest three, in latency order
        assertThat(run("* | limit 3 | sort by latency_ms").events()).containsExactly("e7", "e8", "e9");
    }

    @Test
    void aFullLimitSaturatesSoTheCallerCanStopReading() {
        EventPipeline<String> p = new EventPipeline<>(LqlParser.parse("* | limit 2").pipes(), 100);
        assertThat(p.saturated()).isFalse();
        p.accept(NEWEST_FIRST.get(0), 1, "a");
        p.accept(NEWEST_FIRST.get(1), 1, "b");
        assertThat(p.saturated()).isTrue();
        // a sort holds every row, so a limit after it never saturates the input
        EventPipeline<String> sorted = new EventPipeline<>(LqlParser.parse("* | sort by n | limit 1").pipes(), 100);
        sorted.accept(NEWEST_FIRST.get(0), 1, "a");
        sorted.accept(NEWEST_FIRST.get(1), 1, "b");
        assertThat(sorted.saturated()).isFalse();
        assertThat(sorted.events()).containsExactly("b");
    }

    @Test
    void fieldsProjectAndLaterPipesSeeOnlyTheProjection() {
        EventPipeline<String> p = run("* | fields msg, n | where level:ERROR");
        assertThat(p.events()).isEmpty(); // level is hidden from the where
        EventPipeline<String> q = run("* | fields msg, n | fields n, latency_ms");
        assertThat(q.projection().fields()).containsExactly("n", "latency_ms");
        assertThat(q.projection().visible("n")).isTrue();
        assertThat(q.projection().visible("latency_ms")).isFalse();
        assertThat(run("* | limit 1").projection().fields()).isNull();
        assertThat(q.events()).hasSize(10);
    }

    @Test
    void onlyWhereAndFieldsStream() {
        assertThat(EventPipeline.streams(LqlParser.parse("* | where a:1 | fields a").pipes())).isTrue();
        assertThat(EventPipeline.streams(LqlParser.parse("* | limit 1").pipes())).isFalse();
        assertThat(EventPipeline.streams(LqlParser.parse("* | sort by a").pipes())).isFalse();
    }

    @Test
    void refusesStatsAndBoundsItsOutput() {
        assertThatThrownBy(() -> new EventPipeline<>(LqlParser.parse("* | stats count()").pipes(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PipelineRunner");
        EventPipeline<String> p = new EventPipeline<>(List.of(), 3);
        for (int i = 0; i < 3; i++) {
            p.accept(NEWEST_FIRST.get(i), 1, "x");
        }
        assertThatThrownBy(() -> p.accept(NEWEST_FIRST.get(3), 1, "x")).isInstanceOf(QueryLimitException.class);
    }

    @Test
    void theTableRunnerSaturatesOnALimitBeforeStats() {
        PipelineRunner r = new PipelineRunner(LqlParser.parse("* | limit 4 | stats count() by level").pipes(), 100);
        for (LogEvent e : NEWEST_FIRST) {
            if (r.saturated()) {
                break;
            }
            r.accept(e, 1);
        }
        assertThat(r.table().rows()).containsExactly(List.of("ERROR", 2L), List.of("INFO", 2L));
    }
}
