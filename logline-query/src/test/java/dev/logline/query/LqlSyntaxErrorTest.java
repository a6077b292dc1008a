package dev.logline.query;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LqlSyntaxErrorTest {

    private record Case(String query, int column, String hintContains) {
    }

    @Test
    void errorsPointAtTheColumnWithAHint() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("service:", 9, "expected a value after 'service:'"));
        cases.add(new Case("level:ERROR service: x", 21, "expected a value after 'service:'"));
        cases.add(new Case("a (b:1 OR c:2", 14, "unbalanced parenthesis opened at column 3"));
        cases.add(new Case("a:1)", 4, "unexpected ')'"));
        cases.add(new Case("* | stats p97(x)", 11, "unknown function 'p97'; known: count, count_uniq, sum, avg, min, max, p50, p90, p95, p99"));
        cases.add(new Case("* | frobnicate", 5, "unknown pipe 'frobnicate'"));
        cases.add(new Case("msg:\"open", 5, "unterminated quoted string opened at column 5"));
        cases.add(new Case("latency_ms>abc", 12, "expected a number after 'latency_ms>' but found 'abc'"));
        cases.add(new Case("latency_ms>", 12, "expected a number after 'latency_ms>'"));
        cases.add(new Case("ts>yesterday", 4, "expected a time like 2026-11-22T10:00:00Z"));
        cases.add(new Case("x:[1 TO]", 8, "expected a number or * after 'TO'"));
        cases.add(new Case("x:[1 2]", 6, "expected 'TO'"));
        cases.add(new Case("x:[1 TO 2", 10, "expected ']' or '}'"));
        cases.add(new Case("* | limit ten", 11, "expected a whole number after 'limit'"));
        cases.add(new Case("* | limit 99999999999", 11, "the limit must be at most"));
        cases.add(new Case("* | timechart 7x count()", 15, "expected an interval like 30s"));
        cases.add(new Case("* | timechart 1m", 17, "expected an aggregate such as count()"));
        cases.add(new Case("* | stats sum()", 11, "sum() needs a field"));
        cases.add(new Case("* | stats count", 16, "expected '(' after 'count'"));
        cases.add(new Case("* | stats count(x", 18, "expected ')' to close count("));
        cases.add(new Case("* | stats count(), count()", 5, "duplicate column 'count'; rename one with 'as'"));
        cases.add(new Case("* | stats count() by a, a", 5, "a field appears twice"));
        cases.add(new Case("* | stats count() | timechart 1m count()", 21, "timechart needs events"));
        cases.add(new Case("* |", 4, "expected a pipe after '|'"));
        cases.add(new Case("* | where", 10, "expected a filter after 'where'"));
        cases.add(new Case("* | sort by", 12, "expected a field name after 'sort by'"));
        cases.add(new Case("* | fields a,", 14, "expected a field name after 'fields'"));
        cases.add(new Case("* | limit 5 extra", 13, "unexpected 'extra'; expected '|' or the end of the query"));
        cases.add(new Case("a AND", 6, "expected a filter after 'AND'"));
        cases.add(new Case("a OR", 5, "expected a filter after 'OR'"));
        cases.add(new Case("NOT", 4, "expected a filter after 'NOT'"));
        cases.add(new Case("OR a", 1, "expected a filter before 'OR'"));
        cases.add(new Case("a ()", 4, "empty parentheses"));
        cases.add(new Case("ti*me", 3, "'*' is only allowed at the end of a word"));
        cases.add(new Case("x:a*b", 4, "'*' is only allowed at the end of a value"));
        cases.add(new Case("!!!", 1, "'!!!' has no letters or digits"));
        cases.add(new Case("\"!!\"", 1, "has no letters or digits"));
        cases.add(new Case("timed-ou*", 1, "prefix search works on one word"));
        cases.add(new Case("`unclosed:x", 1, "unterminated backquoted name"));
        cases.add(new Case("x:/\\d+/", 3, "'\\d' is not supported"));
        cases.add(new Case("x:/^a/", 3, "'^' is not needed"));
        cases.add(new Case("x:/a(/", 3, "invalid regular expression"));
        cases.add(new Case("x:/" + "a".repeat(1001) + "/", 3, "longer than 1000 characters"));
        cases.add(new Case("x:(a OR", 8, "expected a value for 'x' after 'OR'"));
        cases.add(new Case("`a`", 4, "expected ':', '<' or '>' after the field name 'a'"));
        cases.add(new Case("* | timechart 367d count()", 15, "longer than 366 days"));
        cases.add(new Case("* | stats count() as", 21, "expected a column name after 'as'"));
        for (Case c : cases) {
            LqlSyntaxException e = catchThrowableOfType(LqlSyntaxException.class, () -> LqlParser.parse(c.query()));
            assertThat(e).as(c.query()).isNotNull();
            assertThat(e.hint()).as(c.query()).contains(c.hintContains());
            assertThat(e.column()).as(c.query() + " → " + e.hint()).isEqualTo(c.column());
            assertThat(e.getMessage()).contains("column " + c.column());
        }
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
        assertThatThrownBy(() -> LqlParser.parse(deep)).isInstanceOf(LqlSyntaxException.class)
                .hasMessageContaining("deeper than 100");
        String nots = "-".repeat(5000) + "a";
        assertThatThrownBy(() -> LqlParser.parse(nots)).isInstanceOf(LqlSyntaxException.class);
    }

    @Test
    void overlongQueriesAreRejected() {
        assertThatThrownBy(() -> LqlParser.parse("a ".repeat(40_000))).isInstanceOf(LqlSyntaxException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void moreTermsThanAnIndexRunsAreRejectedAtTheFirstOneOver() {
        String max = "a" + " OR a".repeat(LqlScanner.MAX_TERMS - 1);
        assertThat(LqlParser.parse(max)).isNotNull();
        String grouped = "x:(" + "v OR ".repeat(150) + "v) | where " + "y:1 ".repeat(149);
        assertThat(LqlParser.parse(grouped)).isNotNull();
        LqlSyntaxException e = catchThrowableOfType(LqlSyntaxException.class, () -> LqlParser.parse(max + " b"));
        assertThat(e.hint()).contains("more than 300 terms");
        assertThat(e.column()).isEqualTo(max.length() + 2);
        assertThatThrownBy(() -> LqlParser.parse(grouped + " z:1")).hasMessageContaining("more than 300 terms");
        assertThatThrownBy(() -> LqlParser.parse("-(a OR -b) " + "c ".repeat(299))).hasMessageContaining("terms");
    }

    @Test
    void isAnIllegalArgumentException() {
        assertThatThrownBy(() -> LqlParser.parse("service:")).isInstanceOf(IllegalArgumentException.class);
    }
}
