package dev.logline.store.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.filter.Filter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.query.exec.QueryTimeoutException;
import dev.logline.store.StoredEvent;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Reads events of one tenant in time order (newest or oldest first, ties by id) a page at a time with
 * {@code search_after}, sending the upper bound of a filter's {@link Translation} and keeping only the candidates
 * the reference matcher accepts, so an answer is never wider than LQL's meaning.
 */
final class EventReader {

    /** Up to this many days of a range are named one by one; a wider range reads the tenant's index pattern. */
    private static final int MAX_NAMED_DAYS = 45;
    /** Hits per request when scanning everything that matches (aggregations the cluster cannot run). */
    static final int SCAN_PAGE = 5_000;

    private final OpenSearchHttp http;
    private final IndexNames names;

    EventReader(OpenSearchHttp http, IndexNames names) {
        this.http = http;
        this.names = names;
    }

    /** What a read returned: the events, where it stopped, and what it cost. */
    record Page(List<StoredEvent> events, JsonNode lastSort, boolean exhausted, boolean timedOut, long fetched,
                int shards) {
    }

    /** A query a read sends: the filter's translation, the filter itself for checking, the tenant and time range. */
    record Selection(String tenant, Filter filter, Translation translation, long fromMicros, long toMicros) {
    }

    /**
     * Up to {@code want} matching events after {@code after} (a sort position, or {@code null}), reading more pages
     * while candidates fail the check, until {@code deadlineNanos}.
     */
    Page page(Selection s, int want, boolean newestFirst, JsonNode after, long deadlineNanos) {
        List<StoredEvent> out = new ArrayList<>(Math.min(want, 10_000));
        JsonNode cursor = after;
        long fetched = 0;
        int shards = 0;
        while (out.size() < want) {
            if (System.nanoTime() > deadlineNanos) {
                return new Page(out, cursor, false, true, fetched, shards);
            }
            int size = Math.min(10_000, Math.max(want - out.size(), 20));
            JsonNode answer = search(s, size, newestFirst, cursor, List.of(FieldNames.EVENT));
            shards = Math.max(shards, answer.path("_shards").path("total").asInt());
            JsonNode hits = answer.path("hits").path("hits");
            fetched += hits.size();
            for (JsonNode hit : hits) {
                if (out.size() >= want) {
                    return new Page(out, cursor, false, false, fetched, shards);
                }
                cursor = hit.path("sort");
                StoredEvent e = accepted(s.filter(), hit);
                if (e != null) {
                    out.add(e);
                }
            }
            if (hits.size() < size) {
                return new Page(out, cursor, true, false, fetched, shards);
            }
        }
        return new Page(out, cursor, false, false, fetched, shards);
    }

    /**
     * Hands every matching event, newest first, to {@code sink}; refuses with a clear error past {@code maxEvents}
     * candidates or the deadline. Returns the candidates read.
     */
    long scan(Selection s, long maxEvents, long deadlineNanos, Consumer<StoredEvent> sink) {
        JsonNode cursor = null;
        long fetched = 0;
        while (true) {
            if (System.nanoTime() > deadlineNanos) {
                throw new QueryTimeoutException("the query read " + fetched + " events from OpenSearch and ran out "
                        + "of time; narrow the time range or the filter");
            }
            JsonNode hits = search(s, SCAN_PAGE, true, cursor, List.of(FieldNames.EVENT)).path("hits").path("hits");
            fetched += hits.size();
            if (fetched > maxEvents) {
                throw new dev.logline.query.exec.QueryLimitException("this query needs every matching event read "
                        + "from OpenSearch (more than " + maxEvents + "); narrow the time range or the filter, or "
                        + "aggregate with count() by level, service, host or another reserved field, which "
                        + "OpenSearch counts itself");
            }
            for (JsonNode hit : hits) {
                cursor = hit.path("sort");
                StoredEvent e = accepted(s.filter(), hit);
                if (e != null) {
                    sink.accept(e);
                }
            }
            if (hits.size() < SCAN_PAGE) {
                return fetched;
            }
        }
    }

    /** The stored event with this hash in this tenant's index of that day, or {@code null}. */
    StoredEvent byId(String tenant, EventIds.Position at) {
        JsonNode doc = http.sendOrNull("GET", "/" + names.index(tenant, at.tsMicros()) + "/_doc/" + at.hash()
                + "?_source_includes=" + FieldNames.EVENT + "," + FieldNames.TENANT, null);
        if (doc == null || !doc.path("found").asBoolean() || !tenant.equals(doc.path("_source").path(FieldNames.TENANT).asText())) {
            return null;
        }
        LogEvent e = event(doc.path("_source").path(FieldNames.EVENT));
        return new StoredEvent(EventIds.id(e, at.hash()), e, LogEventJson.toJsonBytes(e).length);
    }

    JsonNode search(Selection s, int size, boolean newestFirst, JsonNode after, List<String> source) {
        ObjectNode body = OpenSearchHttp.JSON.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", false);
        body.set("query", bounded(s, s.translation().upper()));
        ArrayNode sort = body.putArray("sort");
        String order = newestFirst ? "desc" : "asc";
        sort.addObject().putObject(FieldNames.TS).put("order", order);
        sort.addObject().putObject(FieldNames.ID).put("order", order);
        if (after != null && after.isArray() && after.size() == 2) {
            body.set("search_after", after);
        }
        ArrayNode includes = body.putObject("_source").putArray("includes");
        source.forEach(includes::add);
        return http.send("POST", "/" + targets(s.tenant(), s.fromMicros(), s.toMicros())
                + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
    }

    /** The query restricted to the tenant and the time range. */
    ObjectNode bounded(Selection s, ObjectNode query) {
        ObjectNode q = OpenSearchHttp.JSON.createObjectNode();
        ArrayNode filter = q.putObject("bool").putArray("filter");
        filter.add(QueryTranslator.Q.term(FieldNames.TENANT, s.tenant()));
        filter.add(QueryTranslator.Q.range(FieldNames.TS, s.fromMicros(), true, s.toMicros(), false));
        filter.add(query);
        return q;
    }

    /** The indices a read of this tenant and range looks at (missing ones are ignored). */
    String targets(String tenant, long fromMicros, long toMicros) {
        if (toMicros <= fromMicros) {
            return names.index(tenant, fromMicros);
        }
        LocalDate first = IndexNames.day(fromMicros);
        LocalDate last = IndexNames.day(toMicros - 1);
        if (first.plusDays(MAX_NAMED_DAYS).isBefore(last)) {
            return names.tenantPattern(tenant);
        }
        StringJoiner list = new StringJoiner(",");
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            list.add(names.index(tenant, IndexNames.startOfDayMicros(d)));
        }
        return list.toString();
    }

    /** The hit's event when the reference matcher accepts it, else {@code null}. */
    private static StoredEvent accepted(Filter filter, JsonNode hit) {
        LogEvent e = event(hit.path("_source").path(FieldNames.EVENT));
        int size = LogEventJson.toJsonBytes(e).length;
        if (!FilterMatcher.matches(filter, e, size)) {
            return null;
        }
        return new StoredEvent(EventIds.id(e, hit.path("_id").asText()), e, size);
    }

    static LogEvent event(JsonNode source) {
        try (JsonParser p = source.traverse(OpenSearchHttp.JSON)) {
            p.nextToken();
            return LogEventJson.read(p, 0);
        } catch (IOException e) {
            throw new ClusterException(0, "unreadable event in OpenSearch: " + e.getMessage(), e);
        }
    }
}
