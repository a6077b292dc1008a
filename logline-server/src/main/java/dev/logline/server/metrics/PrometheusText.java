package dev.logline.server.metrics;

import dev.logline.server.collect.kafka.KafkaCollector;
import dev.logline.store.StoreStats;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Renders the server's metrics in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static String render(IngestMetrics ingest, StoreStats store) {
        return render(ingest, store, null);
    }

    /** With the Kafka collector's consumer lag and counts when the server reads Kafka ({@code kafka} not null). */
    public static String render(IngestMetrics ingest, StoreStats store, KafkaCollector.Status kafka) {
        StringBuilder out = new StringBuilder(4096);
        Map<String, IngestMetrics.CollectorCounts> collectors = new TreeMap<>(ingest.all());

        counter(out, "logline_events_ingested_total", "Events stored and acknowledged, by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_events_ingested_total", name, c.events.sum()));
        counter(out, "logline_events_rejected_total", "Items rejected (unreadable or over a limit), by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_events_rejected_total", name, c.rejected.sum()));
        counter(out, "logline_events_truncated_total", "Events stored with their text cut to the event-size limit, by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_events_truncated_total", name, c.truncated.sum()));
        counter(out, "logline_ingest_bytes_total", "Request body bytes received as sent, by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_ingest_bytes_total", name, c.bytes.sum()));
        counter(out, "logline_ingest_requests_total", "Ingest requests received, by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_ingest_requests_total", name, c.requests.sum()));
        counter(out, "logline_ingest_throttled_total", "Ingest requests refused because the store is behind (429) or full (507), by collector.");
        collectors.forEach((name, c) -> sample(out, "logline_ingest_throttled_total", name, c.throttled.sum()));

        out.append("# HELP logline_ingest_latency_seconds Time from a request's arrival to its acknowledgement.\n");
        out.append("# TYPE logline_ingest_latency_seconds histogram\n");
        collectors.forEach((name, c) -> {
            long cumulative = 0;
            for (int i = 0; i <= IngestMetrics.LATENCY_BUCKETS_SECONDS.length; i++) {
                cumulative += c.latencyBuckets.get(i);
                String le = i < IngestMetrics.LATENCY_BUCKETS_SECONDS.length
                        ? number(IngestMetrics.LATENCY_BUCKETS_SECONDS[i]) : "+Inf";
                out.append("logline_ingest_latency_seconds_bucket{collector=\"").append(escape(name))
                        .append("\",le=\"").append(le).append("\"} ").append(cumulative).append('\n');
            }
            out.append("logline_ingest_latency_seconds_sum{collector=\"").append(escape(name)).append("\"} ")
                    .append(number(c.latencySumNanos.sum() / 1e9)).append('\n');
            out.append("logline_ingest_latency_seconds_count{collector=\"").append(escape(name)).append("\"} ")
                    .append(c.latencyCount.sum()).append('\n');
        });

        gauge(out, "logline_store_events", "Events held by the store.", store.events());
        gauge(out, "logline_store_bytes_on_disk", "Bytes the store uses on disk.", store.bytesOnDisk());
        gauge(out, "logline_store_partitions", "Day partitions the store holds.", store.partitions());
        gauge(out, "logline_store_pending_events", "Events durable in the WAL but not yet searchable.", store.pendingEvents());
        gauge(out, "logline_store_wal_bytes", "Bytes in the write-ahead log.", store.walBytes());
        counter(out, "logline_store_corrupt_parts_total", "Parts found damaged and set aside since the store opened.");
        out.append("logline_store_corrupt_parts_total ").append(store.corruptParts()).append('\n');
        if (kafka != null) {
            kafka(out, kafka);
        }
        return out.toString();
    }

    private static void kafka(StringBuilder out, KafkaCollector.Status kafka) {
        out.append("# HELP logline_kafka_consumer_lag Records in a partition not yet read by this server's Kafka collector.\n");
        out.append("# TYPE logline_kafka_consumer_lag gauge\n");
        for (KafkaCollector.PartitionStatus p : kafka.partitions()) {
            out.append("logline_kafka_consumer_lag{topic=\"").append(escape(p.topic())).append("\",partition=\"")
                    .append(p.partition()).append("\"} ").append(Math.max(0, p.lag())).append('\n');
        }
        gauge(out, "logline_kafka_consumer_lag_total", "Records not yet read in all partitions assigned to this server.",
                kafka.lag());
        gauge(out, "logline_kafka_partitions_assigned", "Kafka partitions this server reads.", kafka.partitions().size());
        gauge(out, "logline_kafka_paused", "1 while the Kafka collector is paused by backpressure.", kafka.paused() ? 1 : 0);
        counter(out, "logline_kafka_batch_retries_total", "Polled batches the store did not take and that were read again.");
        out.append("logline_kafka_batch_retries_total ").append(kafka.retries()).append('\n');
        counter(out, "logline_kafka_commit_failures_total", "Offset commits that failed (their records are read again).");
        out.append("logline_kafka_commit_failures_total ").append(kafka.commitFailures()).append('\n');
    }

    private static void counter(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
    }

    private static void sample(StringBuilder out, String name, String collector, long value) {
        out.append(name).append("{collector=\"").append(escape(collector)).append("\"} ").append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%s", d);
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
