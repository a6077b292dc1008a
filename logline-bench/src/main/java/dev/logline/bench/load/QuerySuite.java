package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.bench.data.QueryTargets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The seven queries of the benchmark, each in Logline's HTTP API (LQL) and in OpenSearch's query DSL, over the
 * same time window: trace lookup, needle word, phrase, level + service newest 100, count by service, a 24 h
 * histogram by level, and the p95 of a numeric field.
 */
final class QuerySuite {

    private QuerySuite() {
    }

    /**
     * @param fromMillis inclusive start of the window, epoch ms
     * @param toMillis   exclusive end of the window, epoch ms
     * @param index      the OpenSearch index holding the events
     */
    static List<QueryCase> of(QueryTargets t, long fromMillis, long toMillis, String index) {
        return of(t, fromMillis, toMillis, index, false);
    }

    /**
     * @param resultCaches whether OpenSearch may answer a repeated {@code size:0} aggregation from its shard request
     *                     cache (the Logline side's partial cache is set when its server starts)
     */
    static List<QueryCase> of(QueryTargets t, long fromMillis, long toMillis, String index, boolean resultCaches) {
        String window = "&from=" + fromMillis + "&to=" + toMillis;
        String range = "{\"range\":{\"ts\":{\"gte\":" + fromMillis + ",\"lt\":" + toMillis + ",\"format\":\"epoch_millis\"}}}";
        // Without result caches both systems do the work every time a query repeats.
        String search = "/" + index + "/_search?request_cache=" + resultCaches;
        List<QueryCase> cases = new ArrayList<>();
        if (!t.traceIds().isEmpty()) {
            List<String> ids = t.traceIds();
            cases.add(new QueryCase("trace lookup (all events of a trace)",
                    i -> QueryRequest.get("/api/v1/traces/" + ids.get(i % ids.size()) + "?" + window.substring(1)),
                    r -> r.path("count").asLong() + " events",
                    i -> QueryRequest.post(search, "{\"size\":10000,\"sort\":[{\"ts\":\"asc\"}],\"query\":{\"bool\":{\"filter\":["
                            + "{\"term\":{\"trace_id\":\"" + ids.get(i % ids.size()) + "\"}}," + range + "]}}}"),
                    r -> r.path("hits").path("hits").size() + " events"));
        }
        cases.add(new QueryCase("needle word `" + t.needleWord() + "`, newest 100",
                i -> QueryRequest.get("/api/v1/search?limit=100&q=" + enc(t.needleWord()) + window),
                r -> r.path("events").size() + " events",
                i -> QueryRequest.post(search, newest100("{\"match\":{\"msg\":\"" + t.needleWord() + "\"}}", range)),
                r -> r.path("hits").path("hits").size() + " events"));
        cases.add(new QueryCase("phrase \"" + t.phrase() + "\", newest 100",
                i -> QueryRequest.get("/api/v1/search?limit=100&q=" + enc("\"" + t.phrase() + "\"") + window),
                r -> r.path("events").size() + " events",
                i -> QueryRequest.post(search, newest100("{\"match_phrase\":{\"msg\":\"" + t.phrase() + "\"}}", range)),
                r -> r.path("hits").path("hits").size() + " events"));
        cases.add(new QueryCase("level:" + t.filterLevel() + " service:" + t.filterService() + ", newest 100",
                i -> QueryRequest.get("/api/v1/search?limit=100&q="
                        + enc("level:" + t.filterLevel() + " service:" + t.filterService()) + window),
                r -> r.path("events").size() + " events",
                i -> QueryRequest.post(search, newest100("{\"term\":{\"level\":\"" + t.filterLevel() + "\"}},"
                        + "{\"term\":{\"service\":\"" + t.filterService() + "\"}}", range)),
                r -> r.path("hits").path("hits").size() + " events"));
        cases.add(new QueryCase("stats count() by service",
                i -> QueryRequest.get("/api/v1/search?q=" + enc("* | stats count() by service") + window),
                r -> r.path("rows").size() + " groups",
                i -> QueryRequest.post(search, "{\"size\":0,\"query\":{\"bool\":{\"filter\":[" + range + "]}},"
                        + "\"aggs\":{\"by\":{\"terms\":{\"field\":\"service\",\"size\":10000}}}}"),
                r -> r.path("aggregations").path("by").path("buckets").size() + " groups"));
        cases.add(new QueryCase("24 h histogram, 30 m buckets by level",
                i -> QueryRequest.get("/api/v1/histogram?q=*&interval=30m" + window),
                QuerySuite::loglineHistogramTotal,
                i -> QueryRequest.post(search, "{\"size\":0,\"query\":{\"bool\":{\"filter\":[" + range + "]}},"
                        + "\"aggs\":{\"h\":{\"date_histogram\":{\"field\":\"ts\",\"fixed_interval\":\"30m\"},"
                        + "\"aggs\":{\"level\":{\"terms\":{\"field\":\"level\"}}}}}}"),
                QuerySuite::openSearchHistogramTotal));
        String field = t.numericField();
        cases.add(new QueryCase("p95(" + field + ")",
                i -> QueryRequest.get("/api/v1/search?q=" + enc("* | stats p95(" + field + ")") + window),
                r -> "p95 " + number(r.path("rows").path(0).path(0)),
                i -> QueryRequest.post(search, "{\"size\":0,\"query\":{\"bool\":{\"filter\":[" + range + "]}},"
                        + "\"aggs\":{\"p\":{\"percentiles\":{\"field\":\"" + field + "\",\"percents\":[95]}}}}"),
                r -> "p95 " + number(r.path("aggregations").path("p").path("values").path("95.0"))));
        return cases;
    }

    private static String newest100(String filters, String range) {
        return "{\"size\":100,\"sort\":[{\"ts\":\"desc\"}],\"query\":{\"bool\":{\"filter\":[" + filters + "," + range + "]}}}";
    }

    private static String loglineHistogramTotal(JsonNode r) {
        long total = 0;
        for (JsonNode bucket : r.path("buckets")) {
            for (JsonNode count : bucket.path("counts")) {
                total += count.asLong();
            }
        }
        return total + " events in " + r.path("buckets").size() + " buckets";
    }

    private static String openSearchHistogramTotal(JsonNode r) {
        long total = 0;
        JsonNode buckets = r.path("aggregations").path("h").path("buckets");
        for (JsonNode bucket : buckets) {
            total += bucket.path("doc_count").asLong();
        }
        return total + " events in " + buckets.size() + " buckets";
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.1f", n.asDouble()) : String.valueOf(n);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
