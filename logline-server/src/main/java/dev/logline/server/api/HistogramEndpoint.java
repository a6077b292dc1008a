package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.Level;
import dev.logline.core.Timestamps;
import dev.logline.query.LqlParser;
import dev.logline.query.Query;
import dev.logline.query.exec.EventPipeline;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryPlan;
import dev.logline.server.http.JsonResponse;
import dev.logline.store.QueryCost;
import dev.logline.store.SearchRequest;
import dev.logline.store.StoredEvent;
import dev.logline.store.TableResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/histogram?q=&interval=&from=&to=&last=}: event counts per time bucket, split by level, every
 * bucket of the range present (zeros included) so a chart can draw it as is. Without {@code interval} the
 * bucket is the smallest of 1s … 3650d that gives at most {@value #TARGET_BUCKETS} buckets. The histogram counts
 * the events the query yields: its filter and the pipes before any stats/timechart, run by the store when they
 * are only leading {@code where}s, here over the newest {@link EventScan#MAX_EVENTS} matches otherwise
 * ({@code "truncated": true} when more matched). Also {@code POST} with a JSON body.
 */
final class HistogramEndpoint extends ApiEndpoint {

    static final int TARGET_BUCKETS = 120;
    static final int MAX_BUCKETS = 2_000;

    private static final String[] LADDER = {"1s", "2s", "5s", "10s", "15s", "30s", "1m", "2m", "5m", "10m", "15m",
            "30m", "1h", "2h", "3h", "6h", "12h", "1d", "7d", "30d", "90d", "365d", "3650d"};

    HistogramEndpoint(ApiBackend backend) {
        super(backend, List.of("q", "from", "to", "last", "interval"));
    }

    @Override
    HttpResponse handle(ServiceRequestContext ctx, String tenant, ApiParams params) {
        QueryPlan plan = QueryPlan.of(query(params));
        TimeRange range = range(params, Duration.ofMinutes(15));
        QueryBudget budget = budget();
        String interval = params.get("interval");
        if (interval == null || interval.isBlank()) {
            interval = autoInterval(range);
        }
        Duration step = TimeRange.duration("interval", interval);
        long stepMicros = step.toNanos() / 1_000L;
        if (stepMicros < 1_000_000L || stepMicros % 1_000_000L != 0) {
            throw new IllegalArgumentException("parameter 'interval' must be whole seconds, at least 1s; was "
                    + shorten(interval));
        }
        long first = Math.floorDiv(range.fromMicros(), stepMicros) * stepMicros;
        long buckets = (range.toMicros() - first + stepMicros - 1) / stepMicros;
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("interval " + shorten(interval) + " makes " + buckets
                    + " buckets, over the limit of " + MAX_BUCKETS + "; choose a longer interval or leave it out");
        }
        List<Map<Level, Long>> counts = new ArrayList<>((int) buckets);
        for (int i = 0; i < buckets; i++) {
            counts.add(new EnumMap<>(Level.class));
        }
        QueryCost cost;
        boolean truncated = false;
        if (plan.selectingPipes().isEmpty()) {
            Query timechart = new Query(plan.filter(),
                    LqlParser.parse("* | timechart " + lqlInterval(step) + " count() by level").pipes());
            TableResult table = storeCall(plan, () -> backend.store().aggregate(new SearchRequest(tenant, timechart,
                    range.fromMicros(), range.toMicros(), MAX_BUCKETS * Level.values().length, null, null, budget)));
            readTable(table, first, stepMicros, counts);
            cost = table.cost();
        } else {
            // Pipes the store cannot run (sort, limit, where after fields) select the events here, newest first.
            EventPipeline<StoredEvent> pipeline = new EventPipeline<>(plan.selectingPipes(), EventScan.MAX_EVENTS,
                    budget);
            EventScan.Outcome scan = storeCall(plan, () -> EventScan.run(backend.store(), tenant, plan.filterQuery(),
                    range, null, budget, false, EventScan.MAX_EVENTS,
                    () -> pipeline.saturated() ? 0 : EventScan.MAX_EVENTS,
                    e -> pipeline.accept(e.event(), e.sizeBytes(), e)));
            for (StoredEvent e : pipeline.events()) {
                long index = Math.floorDiv(e.event().tsMicros() - first, stepMicros);
                if (index >= 0 && index < counts.size()) {
                    counts.get((int) index).merge(e.event().level(), 1L, Long::sum);
                }
            }
            cost = scan.cost();
            truncated = scan.truncated();
        }

        String chosen = interval;
        boolean cut = truncated;
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeStringField("interval", chosen);
            g.writeNumberField("interval_ms", stepMicros / 1_000L);
            g.writeStringField("from", Timestamps.formatMicros(range.fromMicros()));
            g.writeStringField("to", Timestamps.formatMicros(range.toMicros()));
            g.writeArrayFieldStart("buckets");
            long total = 0;
            for (int i = 0; i < counts.size(); i++) {
                g.writeStartObject();
                g.writeStringField("ts", Timestamps.formatMicros(first + i * stepMicros));
                g.writeObjectFieldStart("counts");
                long sum = 0;
                for (Map.Entry<Level, Long> e : counts.get(i).entrySet()) {
                    g.writeNumberField(e.getKey().name(), e.getValue());
                    sum += e.getValue();
                }
                g.writeEndObject();
                g.writeNumberField("total", sum);
                g.writeEndObject();
                total += sum;
            }
            g.writeEndArray();
            g.writeNumberField("total", total);
            if (cut) {
                g.writeBooleanField("truncated", true);
            }
            SearchEndpoint.writeCost(g, cost);
            g.writeEndObject();
        });
    }

    /**
     * Reads the timechart's rows. The table has a time column, a {@code level} column and a {@code count()} column;
     * they are found by name so the column order of the engine does not matter.
     */
    private static void readTable(TableResult table, long first, long stepMicros, List<Map<Level, Long>> counts) {
        List<String> columns = table.columns();
        int levelCol = columns.indexOf("level");
        int countCol = -1;
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).startsWith("count")) {
                countCol = i;
            }
        }
        int timeCol = -1;
        for (int i = 0; i < columns.size() && timeCol < 0; i++) {
            if (i != levelCol && i != countCol) {
                timeCol = i;
            }
        }
        if (levelCol < 0 || countCol < 0 || timeCol < 0) {
            throw new IllegalStateException("unexpected timechart columns " + columns);
        }
        for (List<Object> row : table.rows()) {
            Object time = row.get(timeCol);
            Object level = row.get(levelCol);
            Object count = row.get(countCol);
            if (time == null || level == null || !(count instanceof Number)) {
                continue;
            }
            // The engine gives bucket starts as epoch micros; a text time is read too, in case a store formats it.
            long micros = time instanceof Number ? ((Number) time).longValue() : Timestamps.parseMicros(time);
            long index = Math.floorDiv(micros - first, stepMicros);
            Level l = Level.parse(level.toString());
            if (index < 0 || index >= counts.size() || l == null) {
                continue;
            }
            counts.get((int) index).merge(l, ((Number) count).longValue(), Long::sum);
        }
    }

    /** The interval in the units LQL's timechart reads (s, m, h, d), so {@code 2w} becomes {@code 14d}. */
    static String lqlInterval(Duration step) {
        long seconds = step.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    static String autoInterval(TimeRange range) {
        long span = range.toMicros() - range.fromMicros();
        for (String candidate : LADDER) {
            long step = TimeRange.duration("interval", candidate).toNanos() / 1_000L;
            if (span / step <= TARGET_BUCKETS) {
                return candidate;
            }
        }
        return LADDER[LADDER.length - 1];
    }
}
