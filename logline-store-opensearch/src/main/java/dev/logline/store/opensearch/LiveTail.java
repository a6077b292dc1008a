package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.store.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Live tail over a cluster any server may write to: every {@code tailInterval} it asks OpenSearch for each
 * subscribed tenant's events written (field {@code it}) since a little before the newest it has seen, and hands the
 * unseen ones to the subscribers, oldest first. The look-back ({@value #MIN_OVERLAP_MS} ms at least, three refresh
 * intervals) catches events that became searchable late; ids seen within it are remembered so none is delivered
 * twice. Bounded: a poll delivers at most {@code tailMaxEvents} per tenant (the newest), so a flood is sampled,
 * never buffered.
 */
final class LiveTail {

    private static final System.Logger LOG = System.getLogger(LiveTail.class.getName());
    static final long MIN_OVERLAP_MS = 5_000;

    private final OpenSearchHttp http;
    private final IndexNames names;
    private final int maxPerPoll;
    private final long overlapMs;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

    /** What the tail knows of one tenant: its subscribers, how far it has read and what it has delivered. */
    private static final class Tenant {
        final CopyOnWriteArrayList<Consumer<List<StoredEvent>>> listeners = new CopyOnWriteArrayList<>();
        final Map<String, Long> seen = new HashMap<>();
        /** Events written before the first subscription are not delivered. */
        final long startMillis;
        long sinceMillis;

        Tenant(long startMillis) {
            this.startMillis = startMillis;
            this.sinceMillis = startMillis;
        }
    }

    LiveTail(OpenSearchHttp http, IndexNames names, OpenSearchStoreConfig config) {
        this.http = http;
        this.names = names;
        this.maxPerPoll = config.tailMaxEvents();
        this.overlapMs = Math.max(MIN_OVERLAP_MS, 3 * config.refreshInterval().toMillis());
    }

    AutoCloseable subscribe(String tenant, Consumer<List<StoredEvent>> listener) {
        Tenant t = tenants.computeIfAbsent(tenant, k -> new Tenant(System.currentTimeMillis()));
        t.listeners.add(listener);
        return () -> tenants.computeIfPresent(tenant, (k, v) -> {
            v.listeners.remove(listener);
            return v.listeners.isEmpty() ? null : v;
        });
    }

    /** One round: reads and delivers each subscribed tenant's new events. Runs on one thread at a time. */
    synchronized void poll() {
        for (Map.Entry<String, Tenant> e : tenants.entrySet()) {
            try {
                poll(e.getKey(), e.getValue());
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "live tail of tenant " + e.getKey() + " could not read "
                        + "OpenSearch: " + failure.getMessage());
            }
        }
    }

    private void poll(String tenant, Tenant t) {
        long from = t.sinceMillis - overlapMs;
        ObjectNode body = OpenSearchHttp.JSON.createObjectNode();
        body.put("size", maxPerPoll);
        body.put("track_total_hits", false);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.add(QueryTranslator.Q.term(FieldNames.TENANT, tenant));
        filter.add(QueryTranslator.Q.range(FieldNames.INGESTED, from, true, null, false));
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject(FieldNames.INGESTED).put("order", "desc");
        sort.addObject().putObject(FieldNames.ID).put("order", "desc");
        body.putObject("_source").putArray("includes").add(FieldNames.EVENT).add(FieldNames.INGESTED);
        JsonNode hits = http.send("POST", "/" + names.tenantPattern(tenant)
                + "/_search?ignore_unavailable=true&allow_no_indices=true", body).path("hits").path("hits");
        List<StoredEvent> fresh = new ArrayList<>();
        long newest = t.sinceMillis;
        for (JsonNode hit : hits) {
            String hash = hit.path("_id").asText();
            long ingested = hit.path("_source").path(FieldNames.INGESTED).asLong();
            newest = Math.max(newest, ingested);
            if (t.seen.putIfAbsent(hash, ingested) != null || ingested < t.startMillis) {
                continue;
            }
            LogEvent event = EventReader.event(hit.path("_source").path(FieldNames.EVENT));
            fresh.add(new StoredEvent(EventIds.id(event, hash), event, LogEventJson.toJsonBytes(event).length));
        }
        t.sinceMillis = newest;
        for (Iterator<Long> it = t.seen.values().iterator(); it.hasNext(); ) {
            if (it.next() < newest - overlapMs) {
                it.remove();
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        java.util.Collections.reverse(fresh);
        for (Consumer<List<StoredEvent>> l : t.listeners) {
            try {
                l.accept(List.copyOf(fresh));
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "a live tail subscriber failed", failure);
            }
        }
    }
}
