package dev.logline.query;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.exec.QueryLimitException;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.match.FilterMatcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LQL, fuzzed from three ends: damaged real queries, soup of the language's own tokens, and any text. The parser
 * either returns a query — which prints and parses back to itself, plans, and runs over a few events through the
 * reference matcher and the pipe executor — or throws {@link LqlSyntaxException} with a column inside the text and
 * a hint; the executor may refuse with {@link QueryLimitException}. Nothing else, within the fuzz limits.
 */
class LqlFuzzTest {

    /** Hand-written queries over the whole language: the seeds the damaged ones start from. */
    static final List<String> QUERIES = List.of(
            "level:ERROR service:(payments OR ordering) \"timed out\"",
            "trace_id:4bf92f3577b34da6a3ce929d0e0e4736",
            "http.status>=500 -path:/healthz latency_ms>250",
            "logger:shop.auth.* user:paul",
            "level:ERROR | stats count() by service, error.type | sort by count desc | limit 10",
            "service:inference | stats avg(latency_ms), p95(latency_ms), p99(latency_ms) by model_version",
            "* | timechart 1m count() by level",
            "order_id:ORD987 | fields ts, service, msg",
            "a b OR c -(d OR e) NOT f:[1 TO 5} g:/x\\/y/",
            "* | stats count() by service | where count > 20 | sort by avg(x)",
            "msg:/(a|b)*c/ | where latency_ms > 3 | stats count_uniq(user) as users, min(x), max(x) by host",
            "ts:[2026-11-22T10:00:00Z TO *] `odd field`:\"quoted \\\" value\" | limit 5");

    private static final String[] TOKENS = {"a", "b", "x", ":", " ", "*", "\"", "\\", "(", ")", "[", "]", "{", "}",
        "/", "|", "-", "OR ", "AND ", "NOT ", " TO ", ">", "<", "=", "`", "5", "2026-11-22T10:00:00Z", ".", "stats ",
        "count()", " by ", "sort ", "limit ", "where ", "fields ", ",", "timechart 1m ", "p95(x)", "as ", "desc", "ü",
        "level", "msg", "avg(", "count_uniq(", "9999999999999999999", "-1", "1e308", "1s", "0m", "\n"};

    private static final List<LogEvent> EVENTS = events();

    @Provide
    Arbitrary<String> damagedQueries() {
        return FuzzInputs.text(QUERIES, 64);
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(16).map(t -> String.join("", t));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    @Property
    void damagedQueriesParseOrFailCleanly(@ForAll("damagedQueries") String text) {
        check(text);
    }

    @Property
    void tokenSoupParsesOrFailsCleanly(@ForAll("tokenSoup") String text) {
        check(text);
    }

    @Property
    void anyTextParsesOrFailsCleanly(@ForAll("anyText") String text) {
        check(text);
    }

    private static void check(String text) {
        FuzzGuard.run(text.length() * 3L, () -> {
            Query q;
            try {
                q = LqlParser.parse(text);
            } catch (LqlSyntaxException e) {
                assertThat(e.column()).as(text).isBetween(1, text.length() + 1);
                assertThat(e.hint()).as(text).isNotBlank();
                return;
            }
            String printed = LqlPrinter.print(q);
            assertThat(LqlParser.parse(printed)).as("%s printed as %s", text, printed).isEqualTo(q);
            run(QueryPlan.of(q));
        });
    }

    /** The plan over a few events: the filter through the reference matcher, then every pipe. */
    private static void run(QueryPlan plan) {
        List<dev.logline.query.pipe.Pipe> pipes = new ArrayList<>(plan.eventPipes());
        pipes.addAll(plan.tablePipes());
        try {
            PipelineRunner runner = new PipelineRunner(pipes, 100);
            for (LogEvent e : EVENTS) {
                if (FilterMatcher.matches(plan.filter(), e, 100)) {
                    runner.accept(e, 100);
                }
            }
            assertThat(runner.table()).isNotNull();
        } catch (QueryLimitException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static List<LogEvent> events() {
        List<LogEvent> out = new ArrayList<>();
        String[] msgs = {"payment timed out", "a b c", "x/y", "ü ok", ""};
        for (int i = 0; i < 10; i++) {
            out.add(LogEvent.builder().tsMicros(1_795_000_000_000_000L + i * 1_000_000L)
                    .level(Level.values()[i % Level.values().length]).service("s" + i % 3).msg(msgs[i % msgs.length])
                    .attribute("latency_ms", (long) i * 37).attribute("x", i * 0.5).attribute("user", "u" + i % 4)
                    .attribute("http", Map.of("status", 200 + i * 40L)).attribute("a", i % 2 == 0 ? "b" : "5")
                    .build());
        }
        return out;
    }
}
