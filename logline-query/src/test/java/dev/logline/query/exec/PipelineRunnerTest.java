package dev.logline.query.exec;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.match.FilterMatcher;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRunnerTest {

    private static final long T0 = Timestamps.parseMicros("2026-11-22T10:00:00Z");

    private static LogEvent event(int secondsAfter, Level level, String service, Long latency, String user) {
        LogEvent.Builder b = LogEvent.builder().tsMicros(T0 + secondsAfter * 1_000_000L).level(level)
                .service(service).msg(service + " handled request");
        if (latency != null) {
            b.attribute("latency_ms", latency);
        }
        if (user != null) {
            b.attribute("user", user);
        }
        return b.build();
    }

    /** Ten events: payments ×4, ordering ×3, auth ×2, one without service. */
    private static final List<LogEvent> EVENTS = List.of(
            event(0, Level.INFO, "payments", 100L, "ann"),
            event(10, Level.ERROR, "payments", 300L, "bob"),
            event(20, Level.INFO, "payments", 200L, "ann"),
            event(70, Level.WARN, "payments", 400L, null),
            event(5, Level.INFO, "ordering", 50L, "cy"),
            event(65, Level.ERROR, "ordering", 150L, "cy"),
            event(130, Level.INFO, "ordering", null, "dee"),
            event(30, Level.INFO, "auth", 10L, "ann"),
            event(90, Level.ERROR, "auth", 20L, "bob"),
            event(95, Level.INFO, null, 5L, null));

    /** Runs the query over the events in a shuffled order: results must not depend on arrival order. */
    private static Table run(String lql, List<LogEvent> events, int maxGroups, long shuffleSeed) {
        Query q = LqlParser.parse(lql);
        PipelineRunner runner = new PipelineRunner(q.pipes(), maxGroups);
        List<LogEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        for (LogEvent e : shuffled) {
            int size = LogEventJson.toJsonBytes(e).length;
            if (FilterMatcher.matches(q.filter(), e, size)) {
                runner.accept(e, size);
            }
        }
        return runner.table();
    }

    private static Table run(String lql) {
        Table first = run(lql, EVENTS, 1000, 1);
        return first;
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    @Nested
    class Stats {
        @Test
        void countByServiceSortedByGroupWithNullLast() {
            Table t = run("* | stats count() by service");
            assertThat(t.columns()).containsExactly("service", "count");
            assertThat(t.rows()).containsExactly(row("auth", 2L), row("ordering", 3L), row("payments", 4L), row(null, 1L));
        }

        @Test
        void everyAggregateAgainstHandComputedValues() {
            Table t = run("service:payments | stats count(), count(user), count_uniq(user), sum(latency_ms), "
                    + "avg(latency_ms), min(latency_ms), max(latency_ms), p50(latency_ms), p90(latency_ms) as slow");
            assertThat(t.columns()).containsExactly("count", "count(user)", "count_uniq(user)", "sum(latency_ms)",
                    "avg(latency_ms)", "min(latency_ms)", "max(latency_ms)", "p50(latency_ms)", "slow");
            // latencies 100, 300, 200, 400; users ann, bob, ann, (none)
            assertThat(t.rows()).containsExactly(row(4L, 3L, 2L, 1000L, 250.0, 100L, 400L, 200.0, 400.0));
        }

        @Test
        void groupsByTwoFields() {
            Table t = run("level:ERROR OR level:WARN | stats count() by level, service");
            assertThat(t.columns()).containsExactly("level", "service", "count");
            assertThat(t.rows()).containsExactly(
                    row("ERROR", "auth", 1L), row("ERROR", "ordering", 1L), row("ERROR", "payments", 1L),
                    row("WARN", "payments", 1L));
        }

        @Test
        void withoutByOneRowEvenWithNoEvents() {
            Table none = run("service:nothing | stats count()");
            assertThat(none.rows()).isEmpty();
            assertThat(run("* | stats count()").rows()).containsExactly(row(10L));
        }

        @Test
        void numericGroupKeysSortNumerically() {
            Table t = run("* | stats count() by latency_ms | limit 4");
            assertThat(t.rows()).containsExactly(row(5L, 1L), row(10L, 1L), row(20L, 1L), row(50L, 1L));
        }

        @Test
        void resultDoesNotDependOnArrivalOrder() {
            String q = "* | stats count(), avg(latency_ms), p90(latency_ms), count_uniq(user) by service";
            Table a = run(q, EVENTS, 1000, 1);
            for (long seed = 2; seed < 10; seed++) {
                assertThat(run(q, EVENTS, 1000, seed)).isEqualTo(a);
            }
        }
    }

    @Nested
    class Where {
        @Test
        void filtersStatsRowsByColumn() {
            Table t = run("* | stats count() by service | where count>2");
            assertThat(t.rows()).containsExactly(row("ordering", 3L), row("payments", 4L));
        }

        @Test
        void functionStyleColumnNamesAndTerms() {
            Table t = run("* | stats avg(latency_ms) by service | where avg(latency_ms) < 100 OR service:payments");
            assertThat(t.rows()).containsExactly(row("auth", 15.0), row("payments", 250.0), row(null, 5.0));
        }

        @Test
        void beforeStatsFiltersEvents() {
            Table t = run("* | where latency_ms>=150 | stats count() by service");
            assertThat(t.rows()).containsExactly(row("ordering", 1L), row("payments", 3L));
        }
    }

    @Nested
    class Sort {
        @Test
        void overridesGroupOrder() {
            Table t = run("* | stats count() by service | sort by count desc");
            assertThat(t.rows()).containsExactly(row("payments", 4L), row("ordering", 3L), row("auth", 2L), row(null, 1L));
        }

        @Test
        void nullsLastInBothDirections() {
            Table asc = run("* | stats max(latency_ms) as m by service | sort by service");
            assertThat(asc.rows().get(3)).isEqualTo(row(null, 5L));
            Table desc = run("* | stats count() by service | sort by service desc");
            assertThat(desc.rows()).extracting(r -> r.get(0)).containsExactly("payments", "ordering", "auth", null);
        }

        @Test
        void equalKeysKeepTheEarlierOrder() {
            Table t = run("* | stats count() by level, service | sort by count desc");
            // Group order is (level, service); the sort by count keeps it among equal counts.
            assertThat(t.rows().subList(0, 2)).containsExactly(row("INFO", "ordering", 2L), row("INFO", "payments", 2L));
            assertThat(t.rows().subList(2, t.rows().size())).allMatch(r -> r.get(2).equals(1L));
            assertThat(t.rows().get(2)).isEqualTo(row("ERROR", "auth", 1L));
        }

        @Test
        void eventsByTimeThenLimitKeepsTheTopN() {
            Table t = run("* | sort by ts desc | limit 2 | fields ts, service");
            assertThat(t.columns()).containsExactly("ts", "service");
            assertThat(t.rows()).containsExactly(row("2026-11-22T10:02:10.000000Z", "ordering"),
                    row("2026-11-22T10:01:35.000000Z", null));
        }

        @Test
        void sortingTooManyEventsWithoutALimitIsRefused() {
            assertThatThrownBy(() -> run("* | sort by ts", EVENTS, 5, 1))
                    .isInstanceOf(QueryLimitException.class).hasMessageContaining("more than 5 rows");
        }
    }

    @Nested
    class Limit {
        @Test
        void keepsTheFirstRows() {
            Table t = run("* | stats count() by service | limit 2");
            assertThat(t.rows()).containsExactly(row("auth", 2L), row("ordering", 3L));
        }

        @Test
        void zeroGivesNoRows() {
            assertThat(run("* | stats count() by service | limit 0").rows()).isEmpty();
        }

        @Test
        void boundsEventRows() {
            assertThat(run("* | limit 3").rows()).hasSize(3);
        }
    }

    @Nested
    class Fields {
        @Test
        void chooseTheColumnsOfEventRows() {
            Table t = run("user:cy | sort by ts | fields service, user, latency_ms");
            assertThat(t.columns()).containsExactly("service", "user", "latency_ms");
            assertThat(t.rows()).containsExactly(row("ordering", "cy", 50L), row("ordering", "cy", 150L));
        }

        @Test
        void eventRowsHaveDefaultColumnsWithoutFields() {
            Table t = run("level:WARN");
            assertThat(t.columns()).containsExactlyElementsOf(PipelineRunner.EVENT_COLUMNS);
            assertThat(t.rows()).containsExactly(row("2026-11-22T10:01:10.000000Z", "WARN", "payments",
                    "payments handled request"));
        }

        @Test
        void hideOtherFieldsFromLaterStages() {
            Table t = run("* | fields service | stats count(user) by service");
            assertThat(t.rows()).allMatch(r -> r.get(1).equals(0L));
        }

        @Test
        void narrowStatsColumns() {
            Table t = run("* | stats count(), avg(latency_ms) by service | fields service, count | limit 1");
            assertThat(t.columns()).containsExactly("service", "count");
            assertThat(t.rows()).containsExactly(row("auth", 2L));
        }
    }

    @Nested
    class Timechart {
        @Test
        void bucketsByIntervalThenGroup() {
            Table t = run("* | timechart 1m count() by level");
            assertThat(t.columns()).containsExactly("_time", "level", "count");
            assertThat(t.rows()).containsExactly(
                    row("2026-11-22T10:00:00.000000Z", "ERROR", 1L),
                    row("2026-11-22T10:00:00.000000Z", "INFO", 4L),
                    row("2026-11-22T10:01:00.000000Z", "ERROR", 2L),
                    row("2026-11-22T10:01:00.000000Z", "INFO", 1L),
                    row("2026-11-22T10:01:00.000000Z", "WARN", 1L),
                    row("2026-11-22T10:02:00.000000Z", "INFO", 1L));
        }

        @Test
        void withoutByOneRowPerBucket() {
            Table t = run("service:payments | timechart 30s sum(latency_ms), max(latency_ms)");
            assertThat(t.columns()).containsExactly("_time", "sum(latency_ms)", "max(latency_ms)");
            assertThat(t.rows()).containsExactly(
                    row("2026-11-22T10:00:00.000000Z", 600L, 300L),
                    row("2026-11-22T10:01:00.000000Z", 400L, 400L));
        }

        @Test
        void bucketsAlignToTheEpochForEventsBefore1970Too() {
            LogEvent old = LogEvent.builder().tsMicros(-1L).msg("x").build();
            Table t = run("* | timechart 1h count()", List.of(old), 10, 1);
            assertThat(t.rows()).containsExactly(row("1969-12-31T23:00:00.000000Z", 1L));
        }

        @Test
        void whereOnTimeColumn() {
            Table t = run("* | timechart 1m count() | where _time>=2026-11-22T10:01:00Z");
            assertThat(t.rows()).containsExactly(row("2026-11-22T10:01:00.000000Z", 4L), row("2026-11-22T10:02:00.000000Z", 1L));
        }
    }

    @Nested
    class Limits {
        @Test
        void tooManyGroupsIsAQueryLimitException() {
            assertThatThrownBy(() -> run("* | stats count() by user", EVENTS, 3, 1))
                    .isInstanceOf(QueryLimitException.class)
                    .hasMessage("the query produces more than 3 groups (query.max-groups); narrow the filter or group by fewer fields");
        }

        @Test
        void tooManyEventRowsIsAQueryLimitException() {
            assertThatThrownBy(() -> run("*", EVENTS, 4, 1)).isInstanceOf(QueryLimitException.class)
                    .hasMessageContaining("add '| limit N'");
        }

        @Test
        void exactlyMaxGroupsIsFine() {
            assertThat(run("* | stats count() by service", EVENTS, 4, 1).rows()).hasSize(4);
        }
    }

    @Test
    void aggregatingOnlyWithStatsOrTimechart() {
        assertThat(new PipelineRunner(LqlParser.parse("* | stats count()").pipes(), 10).isAggregating()).isTrue();
        assertThat(new PipelineRunner(LqlParser.parse("* | timechart 5m count()").pipes(), 10).isAggregating()).isTrue();
        assertThat(new PipelineRunner(LqlParser.parse("* | sort by ts | limit 5").pipes(), 10).isAggregating()).isFalse();
    }

    @Test
    void tableIsFinalAndRepeatable() {
        PipelineRunner runner = new PipelineRunner(LqlParser.parse("* | stats count()").pipes(), 10);
        runner.accept(EVENTS.get(0), 100);
        assertThat(runner.table()).isSameAs(runner.table());
        assertThatThrownBy(() -> runner.accept(EVENTS.get(1), 100)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sizePseudoFieldIsAvailableToPipes() {
        PipelineRunner runner = new PipelineRunner(LqlParser.parse("* | stats sum(_size), max(_size)").pipes(), 10);
        runner.accept(EVENTS.get(0), 100);
        runner.accept(EVENTS.get(1), 150);
        assertThat(runner.table().rows()).containsExactly(row(250L, 150L));
    }

    @Test
    void booleanAndNestedValuesBecomeTextCells() {
        LogEvent e = LogEvent.builder().tsMicros(T0).msg("x").attribute("ok", true)
                .attribute("http", Map.of("status", 200L)).attribute("tags", List.of("a", "b")).build();
        Table t = run("* | stats count() by ok, http.status, tags", List.of(e), 10, 1);
        assertThat(t.rows()).containsExactly(row("true", 200L, "[\"a\",\"b\"]", 1L));
    }
}
