package dev.logline.query.exec;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryBudgetTest {

    private static LogEvent event(int i) {
        return LogEvent.builder().tsMicros(1_000_000L + i).level(Level.INFO).msg("value number " + i)
                .attribute("i", (long) i).attribute("group", "g" + (i % 3)).build();
    }

    @Test
    void termsAreCountedOverTheFilterAndEveryWhere() {
        QueryLimits limits = QueryLimits.defaults().withMaxTerms(4);
        limits.checkTerms(LqlParser.parse("a b | where c:1 OR -d:2"));
        assertThatThrownBy(() -> limits.checkTerms(LqlParser.parse("a (b OR c) | where d:1 | where NOT e:2")))
                .isInstanceOf(QueryLimitException.class)
                .hasMessage("the query has 5 filter terms, more than the limit of 4 (query.max-terms); split it into "
                        + "several queries or match a pattern such as field:prefix* instead of listing values");
        limits.checkTerms(LqlParser.parse("* | stats count() by a, b, c, d, e"));
    }

    @Test
    void distinctValuesAreChargedUntilTheMemoryBoundStopsTheQuery() {
        QueryBudget budget = QueryLimits.defaults().withMaxMemoryBytes(16 * 1024).start();
        PipelineRunner runner = new PipelineRunner(LqlParser.parse("* | stats count_uniq(msg)").pipes(), 100, budget);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                runner.accept(event(i), 100);
            }
        }).isInstanceOf(QueryLimitException.class)
                .hasMessageContaining("more than 16 KiB of memory for its distinct values (count_uniq)")
                .hasMessageContaining("query.max-memory");
        assertThat(budget.heldBytes()).isGreaterThan(16 * 1024);
    }

    @Test
    void aSortWithALimitHoldsOnlyItsRowsAndReleasesTheRest() {
        QueryBudget budget = QueryLimits.defaults().withMaxMemoryBytes(64 * 1024).start();
        EventPipeline<Integer> pipeline = new EventPipeline<>(LqlParser.parse("* | sort by i desc | limit 3").pipes(),
                10_000, budget);
        for (int i = 0; i < 5_000; i++) {
            pipeline.accept(event(i), 100, i);
        }
        assertThat(pipeline.events()).containsExactly(4_999, 4_998, 4_997);
        // Only the three kept events are still charged, each as an event of 100 JSON bytes.
        assertThat(budget.heldBytes()).isEqualTo(3L * (QueryBudget.ENTRY_OVERHEAD + 200));

        QueryBudget small = QueryLimits.defaults().withMaxMemoryBytes(64 * 1024).start();
        EventPipeline<Integer> unbounded = new EventPipeline<>(LqlParser.parse("* | sort by i").pipes(), 10_000, small);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 5_000; i++) {
                unbounded.accept(event(i), 100, i);
            }
        }).isInstanceOf(QueryLimitException.class).hasMessageContaining("for its sorted rows");
    }

    @Test
    void groupsAreBoundedByTheBudget() {
        QueryBudget budget = QueryLimits.defaults().withMaxGroups(2).start();
        PipelineRunner runner = new PipelineRunner(LqlParser.parse("* | stats count() by group").pipes(), 100, budget);
        runner.accept(event(0), 100);
        runner.accept(event(1), 100);
        assertThatThrownBy(() -> runner.accept(event(2), 100)).isInstanceOf(QueryLimitException.class)
                .hasMessageStartingWith("the query produces more than 2 groups (query.max-groups)");
    }

    @Test
    void aWherePipeStopsOnceTheTimeIsUp() {
        QueryBudget budget = QueryLimits.defaults().withTimeout(Duration.ofNanos(1)).start();
        while (!budget.timeUp()) {
            Thread.onSpinWait();
        }
        EventPipeline<Integer> pipeline = new EventPipeline<>(LqlParser.parse("* | where i:1").pipes(), 100, budget);
        assertThatThrownBy(() -> pipeline.accept(event(1), 100, 1)).isInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("ran past its time limit of 0 ms (query.timeout)");
        assertThat(QueryBudget.unbounded(10).timeUp()).isFalse();
    }
}
