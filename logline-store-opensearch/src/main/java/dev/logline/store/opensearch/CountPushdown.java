package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.query.exec.PipelineRunner;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.query.pipe.TimechartPipe;
import dev.logline.query.stats.Aggregate;
import dev.logline.query.stats.CountAggregate;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@code stats count() by …} and {@code timechart <interval> count() by …} over reserved keyword fields as an
 * OpenSearch composite aggregation, and feeds each group's count to the pipe executor, which builds the table as it
 * would from the events themselves. Used only when the answer is exact: the aggregation also counts the events the
 * filter's translation is unsure of (and those whose group values were not indexed), and when there are any the
 * caller reads the events instead.
 */
final class CountPushdown {

    /** Single-valued fields indexed as keywords whenever present: a missing bucket is a missing value. */
    static final Set<String> GROUPABLE = Set.of("level", "service", "env", "version", "host", "logger",
            "thread", "trace_id", "span_id", "tenant");
    private static final int PAGE = 1_000;

    private final OpenSearchHttp http;
    private final EventReader reader;

    CountPushdown(OpenSearchHttp http, EventReader reader) {
        this.http = http;
        this.reader = reader;
    }

    /** Whether a query's pipes start with a count-only stats or timechart that this class can run. */
    static boolean applies(List<Pipe> pipes) {
        if (pipes.isEmpty()) {
            return false;
        }
        List<Aggregate> aggregates;
        List<String> by;
        if (pipes.get(0) instanceof StatsPipe s) {
            aggregates = s.aggregates();
            by = s.by();
        } else if (pipes.get(0) instanceof TimechartPipe t) {
            aggregates = t.aggregates();
            by = t.by();
            if (t.interval().isNegative() || t.interval().isZero()) {
                return false;
            }
        } else {
            return false;
        }
        for (Aggregate a : aggregates) {
            if (!(a instanceof CountAggregate c) || c.field() != null) {
                return false;
            }
        }
        return GROUPABLE.containsAll(by);
    }

    /**
     * Feeds the groups to {@code runner}; returns the events counted, or -1 (having fed nothing) when some event is
     * one the index cannot answer for exactly.
     */
    long run(EventReader.Selection s, List<Pipe> pipes, PipelineRunner runner) {
        List<String> by;
        long bucketMicros = 0;
        if (pipes.get(0) instanceof StatsPipe st) {
            by = st.by();
        } else {
            TimechartPipe t = (TimechartPipe) pipes.get(0);
            by = t.by();
            bucketMicros = t.interval().toNanos() / 1000;
        }
        ObjectNode uncertain = uncertain(s, by);
        JsonNode after = null;
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long total = 0;
        boolean first = true;
        do {
            ObjectNode body = OpenSearchHttp.JSON.createObjectNode();
            body.put("size", 0);
            body.put("track_total_hits", false);
            body.set("query", reader.bounded(s, s.translation().upper()));
            ObjectNode aggs = body.putObject("aggs");
            if (first) {
                aggs.putObject("uncertain").set("filter", uncertain);
            }
            boolean grouped = bucketMicros > 0 || !by.isEmpty();
            if (!grouped) {
                // One group: the number of matching events is the whole answer.
                body.put("track_total_hits", true);
            }
            ObjectNode composite = grouped ? aggs.putObject("groups").putObject("composite") : body.objectNode();
            composite.put("size", PAGE);
            ArrayNode sources = composite.putArray("sources");
            if (bucketMicros > 0) {
                sources.addObject().putObject("bucket").putObject("histogram")
                        .put("field", FieldNames.TS).put("interval", bucketMicros);
            }
            for (int i = 0; i < by.size(); i++) {
                sources.addObject().putObject("g" + i).putObject("terms")
                        .put("field", FieldNames.keyword(by.get(i))).put("missing_bucket", true);
            }
            if (after != null) {
                composite.set("after", after);
            }
            // The shard request cache would answer a repeated count from before the latest refresh.
            JsonNode answer = http.send("POST", "/" + reader.targets(s.tenant(), s.fromMicros(), s.toMicros())
                    + "/_search?ignore_unavailable=true&allow_no_indices=true&request_cache=false", body);
            JsonNode a = answer.path("aggregations");
            if (first && a.path("uncertain").path("doc_count").asLong() > 0) {
                return -1;
            }
            first = false;
            if (!grouped) {
                long n = answer.path("hits").path("total").path("value").asLong();
                if (n > 0) {
                    runner.acceptAggregated(f -> null, n);
                }
                return n;
            }
            JsonNode buckets = a.path("groups").path("buckets");
            for (JsonNode b : buckets) {
                Map<String, Object> values = new HashMap<>();
                JsonNode key = b.path("key");
                if (bucketMicros > 0) {
                    values.put(FieldNames.TS, (long) key.path("bucket").asDouble());
                }
                for (int i = 0; i < by.size(); i++) {
                    JsonNode v = key.path("g" + i);
                    values.put(by.get(i), v.isNull() || v.isMissingNode() ? null : v.asText());
                }
                groups.add(values);
                counts.add(b.path("doc_count").asLong());
            }
            after = buckets.size() < PAGE ? null : a.path("groups").path("after_key");
            if (after != null && after.isMissingNode()) {
                after = null;
            }
        } while (after != null);
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> g = groups.get(i);
            runner.acceptAggregated(g::get, counts.get(i));
            total += counts.get(i);
        }
        return total;
    }

    /**
     * Events the count could get wrong: candidates outside the filter's certain part, and events whose group
     * fields were not indexed.
     */
    private static ObjectNode uncertain(EventReader.Selection s, List<String> by) {
        List<String> paths = new ArrayList<>(by);
        paths.add(FieldNames.ALL_PATHS);
        ObjectNode unindexedGroup = QueryTranslator.Q.terms(FieldNames.UNCERTAIN, paths);
        if (s.translation().isExact()) {
            return unindexedGroup;
        }
        ObjectNode outsideCertain = QueryTranslator.Q.not(s.translation().lower());
        return QueryTranslator.Q.or(List.of(outsideCertain, unindexedGroup));
    }

}
