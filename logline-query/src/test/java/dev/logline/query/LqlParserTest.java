package dev.logline.query;

import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.LimitPipe;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.SortPipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.pipe.WherePipe;
import dev.logline.query.stats.AvgAggregate;
import dev.logline.query.stats.CountAggregate;
import dev.logline.query.stats.CountUniqAggregate;
import dev.logline.query.stats.MaxAggregate;
import dev.logline.query.stats.MinAggregate;
import dev.logline.query.stats.PercentileAggregate;
import dev.logline.query.stats.SumAggregate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LqlParserTest {

    private static Filter term(String f, String v) {
        return new TermFilter(f, v);
    }

    private static Filter and(Filter... fs) {
        return new AndFilter(List.of(fs));
    }

    private static Filter or(Filter... fs) {
        return new OrFilter(List.of(fs));
    }

    private static Filter not(Filter f) {
        return new NotFilter(f);
    }

    private static Filter word(String w) {
        return new WordFilter(w, false);
    }

    /** Table of filter texts and the AST each must produce. */
    @Test
    void filters() {
        Map<String, Filter> cases = new LinkedHashMap<>();
        cases.put("*", MatchAllFilter.INSTANCE);
        cases.put("", MatchAllFilter.INSTANCE);
        cases.put("   ", MatchAllFilter.INSTANCE);
        cases.put("timeout", word("timeout"));
        cases.put("TimeOut", word("timeout"));
        cases.put("time*", new WordFilter("time", true));
        cases.put("\"timed out\"", new PhraseFilter("timed out"));
        cases.put("timed-out", new PhraseFilter("timed-out"));
        cases.put("/healthz", word("healthz"));
        cases.put("level:ERROR", term("level", "ERROR"));
        cases.put("trace_id:4bf92f3577b34da6a3ce929d0e0e4736", term("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"));
        cases.put("service:\"payments api\"", term("service", "payments api"));
        cases.put("msg:\"say \\\"hi\\\" \\\\ now\"", new PhraseFilter("say \"hi\" \\ now"));
        cases.put("user:\"a\\\"b\"", term("user", "a\"b"));
        cases.put("logger:shop.auth.*", new PrefixFilter("logger", "shop.auth."));
        cases.put("logger:\"shop auth\"*", new PrefixFilter("logger", "shop auth"));
        cases.put("msg:timeout", word("timeout"));
        cases.put("msg:time*", new WordFilter("time", true));
        cases.put("msg:\"timed out\"", new PhraseFilter("timed out"));
        cases.put("msg:=\"exact message\"", term("msg", "exact message"));
        cases.put("path:/healthz", term("path", "/healthz"));
        cases.put("path:/api/v1/x", term("path", "/api/v1/x"));
        cases.put("path:/api.*/", new RegexFilter("path", "api.*"));
        cases.put("path:/a\\/b\\ c/", new RegexFilter("path", "a/b c"));
        cases.put("host:/node-[0-9]+/", new RegexFilter("host", "node-[0-9]+"));
        cases.put("user:/(ann|bob)/", new RegexFilter("user", "(ann|bob)"));
        cases.put("http.status>=500", new RangeFilter("http.status", "500", true, null, false));
        cases.put("latency_ms>250", new RangeFilter("latency_ms", "250", false, null, false));
        cases.put("latency_ms<2.5", new RangeFilter("latency_ms", null, false, "2.5", false));
        cases.put("latency_ms<=-1e3", new RangeFilter("latency_ms", null, false, "-1e3", true));
        cases.put("count > 20", new RangeFilter("count", "20", false, null, false));
        cases.put("ts>2026-11-22T10:00:00Z", new RangeFilter("ts", "2026-11-22T10:00:00Z", false, null, false));
        cases.put("latency_ms:[100 TO 200]", new RangeFilter("latency_ms", "100", true, "200", true));
        cases.put("latency_ms:{100 TO 200}", new RangeFilter("latency_ms", "100", false, "200", false));
        cases.put("latency_ms:[100 TO 200}", new RangeFilter("latency_ms", "100", true, "200", false));
        cases.put("latency_ms:[100 TO *]", new RangeFilter("latency_ms", "100", true, null, false));
        cases.put("ts:[2026-11-22T10:00:00Z TO 2026-11-22T11:00:00.5Z]",
                new RangeFilter("ts", "2026-11-22T10:00:00Z", true, "2026-11-22T11:00:00.5Z", true));
        cases.put("order_id:*", new ExistsFilter("order_id"));
        cases.put("`weird key!`:x", term("weird key!", "x"));
        cases.put("@timestamp:*", new ExistsFilter("@timestamp"));
        cases.put("http-status:404", term("http-status", "404"));
        cases.put("a:1 b:2", and(term("a", "1"), term("b", "2")));
        cases.put("a:1 AND b:2", and(term("a", "1"), term("b", "2")));
        cases.put("a:1 OR b:2", or(term("a", "1"), term("b", "2")));
        cases.put("a:1 b:2 OR c:3", or(and(term("a", "1"), term("b", "2")), term("c", "3")));
        cases.put("a:1 (b:2 OR c:3)", and(term("a", "1"), or(term("b", "2"), term("c", "3"))));
        cases.put("a:1 (b:2 c:3)", and(term("a", "1"), term("b", "2"), term("c", "3")));
        cases.put("(a:1 OR b:2) OR c:3", or(term("a", "1"), term("b", "2"), term("c", "3")));
        cases.put("NOT a:1", not(term("a", "1")));
        cases.put("-a:1", not(term("a", "1")));
        cases.put("-path:/healthz", not(term("path", "/healthz")));
        cases.put("NOT NOT a:1", not(not(term("a", "1"))));
        cases.put("-(a:1 OR b:2)", not(or(term("a", "1"), term("b", "2"))));
        cases.put("service:(payments OR ordering)", or(term("service", "payments"), term("service", "ordering")));
        cases.put("service:(payments -ordering)", and(term("service", "payments"), not(term("service", "ordering"))));
        cases.put("service:(\"a b\" OR c*)", or(term("service", "a b"), new PrefixFilter("service", "c")));
        cases.put("* level:ERROR", term("level", "ERROR"));
        cases.put("level:ERROR service:(payments OR ordering) \"timed out\"",
                and(term("level", "ERROR"), or(term("service", "payments"), term("service", "ordering")),
                        new PhraseFilter("timed out")));
        cases.put("http.status>=500 -path:/healthz latency_ms>250",
                and(new RangeFilter("http.status", "500", true, null, false), not(term("path", "/healthz")),
                        new RangeFilter("latency_ms", "250", false, null, false)));
        cases.put("logger:shop.auth.* user:paul", and(new PrefixFilter("logger", "shop.auth."), term("user", "paul")));
        cases.put("or and", and(word("or"), word("and")));
        cases.put("NOT:x", term("NOT", "x"));
        cases.put("user:OR", term("user", "OR"));
        cases.put("x:a\\*b", term("x", "a*b"));
        cases.put("x:=a*b", term("x", "a*b"));
        cases.put("latency_ms:>=250", new RangeFilter("latency_ms", "250", true, null, false));
        cases.put("x:\"<5\"", term("x", "<5"));
        cases.put("_size>1000", new RangeFilter("_size", "1000", false, null, false));
        for (Map.Entry<String, Filter> c : cases.entrySet()) {
            assertThat(LqlParser.parse(c.getKey()).filter()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(LqlParser.parse(c.getKey()).pipes()).as(c.getKey()).isEmpty();
        }
    }

    /** Table of pipe texts and the pipes each must produce. */
    @Test
    void pipes() {
        Map<String, List<Pipe>> cases = new LinkedHashMap<>();
        cases.put("* | fields ts, service, msg", List.of(new FieldsPipe(List.of("ts", "service", "msg"))));
        cases.put("* | fields `a b`", List.of(new FieldsPipe(List.of("a b"))));
        cases.put("* | sort by latency_ms desc", List.of(new SortPipe("latency_ms", true)));
        cases.put("* | sort by latency_ms asc", List.of(new SortPipe("latency_ms", false)));
        cases.put("* | sort latency_ms", List.of(new SortPipe("latency_ms", false)));
        cases.put("* | SORT BY x DESC", List.of(new SortPipe("x", true)));
        cases.put("* | limit 10", List.of(new LimitPipe(10)));
        cases.put("* | stats count()", List.of(new StatsPipe(List.of(new CountAggregate(null, null)), List.of())));
        cases.put("* | stats count() by service, error.type", List.of(new StatsPipe(
                List.of(new CountAggregate(null, null)), List.of("service", "error.type"))));
        cases.put("* | stats count(user) as users, count_uniq(user), sum(b), avg(b), min(b), max(b) by x",
                List.of(new StatsPipe(List.of(new CountAggregate("user", "users"), new CountUniqAggregate("user", null),
                        new SumAggregate("b", null), new AvgAggregate("b", null), new MinAggregate("b", null),
                        new MaxAggregate("b", null)), List.of("x"))));
        cases.put("service:inference | stats avg(latency_ms), p95(latency_ms), p99(latency_ms) as slow by model_version",
                List.of(new StatsPipe(List.of(new AvgAggregate("latency_ms", null),
                        new PercentileAggregate("latency_ms", 95, null), new PercentileAggregate("latency_ms", 99, "slow")),
                        List.of("model_version"))));
        cases.put("* | stats p50(x), p90(x)", List.of(new StatsPipe(List.of(new PercentileAggregate("x", 50, null),
                new PercentileAggregate("x", 90, null)), List.of())));
        cases.put("* | timechart 1m count() by level", List.of(new TimechartPipe(Duration.ofMinutes(1),
                List.of(new CountAggregate(null, null)), List.of("level"))));
        cases.put("* | timechart 30s avg(x)", List.of(new TimechartPipe(Duration.ofSeconds(30),
                List.of(new AvgAggregate("x", null)), List.of())));
        cases.put("* | timechart 1d count()", List.of(new TimechartPipe(Duration.ofDays(1),
                List.of(new CountAggregate(null, null)), List.of())));
        cases.put("* | stats count() by service | where count>20", List.of(
                new StatsPipe(List.of(new CountAggregate(null, null)), List.of("service")),
                new WherePipe(new RangeFilter("count", "20", false, null, false))));
        cases.put("* | stats avg(x) by s | where avg(x) >= 2 s:a | sort by avg(x) desc", List.of(
                new StatsPipe(List.of(new AvgAggregate("x", null)), List.of("s")),
                new WherePipe(and(new RangeFilter("avg(x)", "2", true, null, false), term("s", "a"))),
                new SortPipe("avg(x)", true)));
        cases.put("level:ERROR | stats count() by service, error.type | sort by count desc | limit 10", List.of(
                new StatsPipe(List.of(new CountAggregate(null, null)), List.of("service", "error.type")),
                new SortPipe("count", true), new LimitPipe(10)));
        cases.put("| limit 5", List.of(new LimitPipe(5)));
        cases.put("* | stats count() | where count() > 5 | sort by count()", List.of(
                new StatsPipe(List.of(new CountAggregate(null, null)), List.of()),
                new WherePipe(new RangeFilter("count", "5", false, null, false)), new SortPipe("count", false)));
        for (Map.Entry<String, List<Pipe>> c : cases.entrySet()) {
            assertThat(LqlParser.parse(c.getKey()).pipes()).as(c.getKey()).isEqualTo(c.getValue());
        }
    }

    @Test
    void pipesKeepTheFilterBeforeThem() {
        Query q = LqlParser.parse("order_id:ORD987 | fields ts, service, msg");
        assertThat(q.filter()).isEqualTo(term("order_id", "ORD987"));
        assertThat(q.pipes()).hasSize(1);
    }

    @Test
    void aPipeCharacterInsideQuotesOrRegexIsNotAPipe() {
        assertThat(LqlParser.parse("msg:\"a | b\"").pipes()).isEmpty();
        assertThat(LqlParser.parse("x:/a|b/").filter()).isEqualTo(new RegexFilter("x", "a|b"));
    }

    @Test
    void parseFilterRejectsPipes() {
        assertThat(LqlParser.parseFilter("a:1")).isEqualTo(term("a", "1"));
        assertThat(LqlParser.parseFilter(" ")).isEqualTo(MatchAllFilter.INSTANCE);
        LqlSyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(LqlSyntaxException.class,
                () -> LqlParser.parseFilter("a:\"x|y\" | limit 1"));
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.hint()).contains("without pipes");
    }
}
