package dev.logline.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every query of the suite against one system, one request at a time: warm-up runs, then timed runs (each a
 * full HTTP round trip including reading the response) until the run count or the time budget is used up. Fails when a query answers an error, so a broken
 * query never shows up as a fast one.
 */
final class QueryTimer {

    /**
     * The figures of one query on one system.
     *
     * @param name   the query
     * @param p50Ms  median latency
     * @param p99Ms  99th percentile latency
     * @param runs   timed runs
     * @param answer a summary of the first answer (e.g. "12 events"), to compare the systems' results
     */
    record Timing(String name, double p50Ms, double p99Ms, int runs, String answer) {
    }

    /** Fewer timed runs than this and a p99 means nothing; they run even past the budget. */
    static final int MIN_RUNS = 5;

    private final JsonHttp http = new JsonHttp();
    private final int warmups;
    private final int runs;
    private final Duration budget;

    /**
     * @param warmups untimed runs first (at least one: its answer is the one reported)
     * @param runs    timed runs at most
     * @param budget  time per query and system after which no further run starts (past {@link #MIN_RUNS}), so a
     *                slow query cannot stretch the benchmark without bound
     */
    QueryTimer(int warmups, int runs, Duration budget) {
        if (warmups < 1 || runs < 1) {
            throw new IllegalArgumentException("at least one warm-up and one timed run");
        }
        this.warmups = warmups;
        this.runs = runs;
        this.budget = budget;
    }

    List<Timing> time(SystemUnderTest system, List<QueryCase> cases) {
        List<Timing> out = new ArrayList<>();
        for (QueryCase c : cases) {
            long deadline = System.nanoTime() + budget.toNanos();
            JsonHttp.Answer first = ask(system, c, 0);
            String answer = system.speaksLql() ? c.loglineAnswer().apply(first.json())
                    : c.openSearchAnswer().apply(first.json());
            for (int i = 1; i < warmups && System.nanoTime() < deadline - budget.toNanos() * 3 / 4; i++) {
                ask(system, c, i);
            }
            Latencies latencies = new Latencies(runs);
            for (int i = 0; i < runs && (i < MIN_RUNS || System.nanoTime() < deadline); i++) {
                long start = System.nanoTime();
                ask(system, c, warmups + i);
                latencies.add(System.nanoTime() - start);
            }
            out.add(new Timing(c.name(), latencies.percentileMillis(50), latencies.percentileMillis(99),
                    latencies.count(), answer));
        }
        return out;
    }

    private JsonHttp.Answer ask(SystemUnderTest system, QueryCase c, int run) {
        QueryRequest r = system.speaksLql() ? c.loglineRequest().apply(run) : c.openSearchRequest().apply(run);
        JsonHttp.Answer a = http.send(system.baseUri(), r);
        if (a.status() / 100 != 2) {
            throw new IllegalStateException(system.name() + " answered " + a.status() + " to \"" + c.name() + "\" ("
                    + r.method() + " " + r.pathAndQuery() + (r.jsonBody() == null ? "" : " " + r.jsonBody()) + "): "
                    + a.text());
        }
        return a;
    }
}
