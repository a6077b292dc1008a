package dev.logline.query;

import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LqlPrinterTest {

    /** Written form → canonical form. */
    @Test
    void canonicalForms() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("", "*");
        cases.put("Timeout", "timeout");
        cases.put("a AND b", "a b");
        cases.put("NOT a:1", "-a:1");
        cases.put("a:1 b:2 OR c:3", "(a:1 b:2) OR c:3");
        cases.put("service:(payments OR ordering)", "service:payments OR service:ordering");
        cases.put("level:ERROR service:(payments OR ordering)", "level:ERROR (service:payments OR service:ordering)");
        cases.put("x:[1 TO *]", "x>=1");
        cases.put("x:{* TO 5]", "x<=5");
        cases.put("x:[* TO *]", "x:{* TO *}");
        cases.put("count > 20", "count>20");
        cases.put("path:/healthz", "path:\"/healthz\"");
        cases.put("path:/a b/", "path:\"/a\" b");
        cases.put("`a b`:\"x y\"", "`a b`:\"x y\"");
        cases.put("`OR`:x", "`OR`:x");
        cases.put("msg:=\"a\"", "msg:=\"a\"");
        cases.put("msg:\"x\"*", "msg:\"x\"*");
        cases.put("x:=a*b", "x:\"a*b\"");
        cases.put("* | sort latency_ms ASC", "* | sort by latency_ms");
        cases.put("* | timechart 60s count()", "* | timechart 1m count()");
        cases.put("* | timechart 90s count()", "* | timechart 90s count()");
        cases.put("* | timechart 24h count()", "* | timechart 1d count()");
        cases.put("*|stats count()as n,p95(x)by a,b", "* | stats count() as n, p95(x) by a, b");
        cases.put("* | stats avg(x) | where avg(x)>1", "* | stats avg(x) | where `avg(x)`>1");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            assertThat(LqlPrinter.print(LqlParser.parse(c.getKey()))).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void quotesWhatWouldReadDifferently() {
        assertThat(LqlPrinter.print(new TermFilter("x", "a b"))).isEqualTo("x:\"a b\"");
        assertThat(LqlPrinter.print(new WordFilter("Foo", true))).isEqualTo("foo*");
        assertThat(LqlPrinter.print(new WordFilter("timed out", false))).isEqualTo("\"timed out\"");
        assertThat(LqlPrinter.print(new TermFilter("x", "say \"hi\" \\"))).isEqualTo("x:\"say \\\"hi\\\" \\\\\"");
        assertThat(LqlPrinter.print(new TermFilter("x", ""))).isEqualTo("x:\"\"");
        assertThat(LqlPrinter.print(new TermFilter("x", "OR"))).isEqualTo("x:\"OR\"");
        assertThat(LqlPrinter.print(new TermFilter("x", "-5"))).isEqualTo("x:-5");
        assertThat(LqlPrinter.print(new PrefixFilter("x", "a b"))).isEqualTo("x:\"a b\"*");
        assertThat(LqlPrinter.print(new RegexFilter("x", "a/b c"))).isEqualTo("x:/a\\/b\\ c/");
        assertThat(LqlPrinter.print(new RangeFilter("ts", "2026-11-22T10:00:00Z", false, null, false)))
                .isEqualTo("ts>2026-11-22T10:00:00Z");
    }

    @Test
    void namesAreBackquotedWhenNeeded() {
        assertThat(LqlPrinter.name("http.status")).isEqualTo("http.status");
        assertThat(LqlPrinter.name("@timestamp")).isEqualTo("@timestamp");
        assertThat(LqlPrinter.name("-x")).isEqualTo("`-x`");
        assertThat(LqlPrinter.name("a`b\\c")).isEqualTo("`a\\`b\\\\c`");
        assertThat(LqlPrinter.name("NOT")).isEqualTo("`NOT`");
        assertThat(LqlPrinter.name("p95(x)")).isEqualTo("`p95(x)`");
    }

    @Test
    void intervalsUseTheLargestWholeUnit() {
        assertThat(LqlPrinter.interval(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(LqlPrinter.interval(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(LqlPrinter.interval(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(LqlPrinter.interval(Duration.ofHours(48))).isEqualTo("2d");
    }
}
