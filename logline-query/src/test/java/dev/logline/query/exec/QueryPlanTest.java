package dev.logline.query.exec;

import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.Query;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryPlanTest {

    private static String filterOf(QueryPlan plan) {
        return LqlPrinter.print(plan.filterQuery());
    }

    private static String pipesOf(java.util.List<dev.logline.query.pipe.Pipe> pipes) {
        return LqlPrinter.print(new Query(dev.logline.query.filter.MatchAllFilter.INSTANCE, pipes));
    }

    @Test
    void leadingWheresJoinTheFilter() {
        QueryPlan plan = QueryPlan.of(LqlParser.parse("level:ERROR | where latency_ms>100 | where service:a | limit 5"));
        assertThat(filterOf(plan)).isEqualTo(LqlPrinter.print(LqlParser.parse("level:ERROR latency_ms>100 service:a")));
        assertThat(pipesOf(plan.eventPipes())).isEqualTo("* | limit 5");
        assertThat(plan.aggregating()).isFalse();
        assertThat(plan.eventPipesStream()).isFalse();
    }

    @Test
    void aWhereAfterAnotherPipeStaysAPipe() {
        QueryPlan plan = QueryPlan.of(LqlParser.parse("* | limit 5 | where level:ERROR"));
        assertThat(filterOf(plan)).isEqualTo("*");
        assertThat(pipesOf(plan.eventPipes())).isEqualTo("* | limit 5 | where level:ERROR");
    }

    @Test
    void statsAndWhatFollowsActOnTheTable() {
        QueryPlan plan = QueryPlan.of(LqlParser.parse(
                "* | where a:1 | fields a, b | stats count() by a | where count>2 | sort by count desc"));
        assertThat(filterOf(plan)).isEqualTo("a:1");
        assertThat(pipesOf(plan.eventPipes())).isEqualTo("* | fields a, b");
        assertThat(pipesOf(plan.tablePipes())).isEqualTo("* | stats count() by a | where count>2 | sort by count desc");
        assertThat(plan.aggregating()).isTrue();
        assertThat(plan.eventPipesStream()).isTrue();
        assertThat(pipesOf(plan.storeQuery().pipes()))
                .isEqualTo("* | fields a, b | stats count() by a | where count>2 | sort by count desc");
    }

    @Test
    void trailingFieldsDoNotSelectEvents() {
        QueryPlan plan = QueryPlan.of(LqlParser.parse("* | sort by a | limit 3 | fields a, b"));
        assertThat(pipesOf(plan.selectingPipes())).isEqualTo("* | sort by a | limit 3");
        assertThat(QueryPlan.of(LqlParser.parse("x | fields a")).selectingPipes()).isEmpty();
    }
}
