package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One minute of the TrainTicket microservice system (Nezha corpus, 26 services, real Logback lines with trace ids),
 * shipped the way Filebeat ships Kubernetes container logs (ECS documents over {@code _bulk}), then reassembled
 * per trace. Skipped when the shared corpora are absent.
 */
class TrainTicketCorpusTest {

    static final Path CORPUS = Path.of("../../shared/corpora/nezha-trainticket-sample/08_43_log.csv");

    record Row(long tsNanos, String pod, String traceId, String spanId, String log) {
    }

    @Test
    void everyTraceComesBackWithTheServicesThatLoggedIt(@TempDir Path dir) throws IOException {
        Path csv = Path.of(System.getProperty("user.dir")).resolve(CORPUS).normalize();
        Assumptions.assumeTrue(Files.isReadable(csv), "corpus absent: " + csv);
        List<Row> rows = read(csv);
        assertThat(rows).hasSizeGreaterThan(2_000);

        long minNanos = rows.stream().mapToLong(Row::tsNanos).min().orElseThrow();
        // Shift the minute to ten minutes ago so the store's accepted window takes it; keep the order and gaps.
        long shiftMicros = LogEvent.toMicros(Instant.now().minusSeconds(600)) - minNanos / 1_000;

        Map<String, Set<String>> servicesByTrace = new HashMap<>();
        Map<String, Integer> countByTrace = new HashMap<>();
        try (ServerFixture fx = new ServerFixture(dir)) {
            StringBuilder bulk = new StringBuilder();
            int inBatch = 0;
            for (Row r : rows) {
                String service = serviceOf(r.pod);
                ObjectNode doc = ServerFixture.JSON.createObjectNode();
                doc.put("@timestamp", Timestamps.formatMicros(r.tsNanos / 1_000 + shiftMicros));
                doc.put("message", r.log);
                doc.putObject("service").put("name", service);
                doc.putObject("kubernetes").putObject("pod").put("name", r.pod);
                if (!r.traceId.isEmpty()) {
                    doc.putObject("trace").put("id", r.traceId);
                    doc.putObject("span").put("id", r.spanId);
                    servicesByTrace.computeIfAbsent(r.traceId, k -> new TreeSet<>()).add(service);
                    countByTrace.merge(r.traceId, 1, Integer::sum);
                }
                bulk.append("{\"create\":{\"_index\":\"filebeat-8.15.0\"}}\n").append(doc).append('\n');
                if (++inBatch == 500) {
                    send(fx, bulk, inBatch);
                    bulk.setLength(0);
                    inBatch = 0;
                }
            }
            send(fx, bulk, inBatch);
            fx.store.refreshNow();

            String widest = servicesByTrace.entrySet().stream()
                    .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size())))
                    .orElseThrow().getKey();
            assertThat(servicesByTrace.get(widest).size()).isGreaterThan(5);
            for (String traceId : List.of(widest, servicesByTrace.keySet().iterator().next())) {
                HttpResponse<String> answer = fx.get("/api/v1/traces/" + traceId);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode trace = ServerFixture.json(answer);
                assertThat(trace.get("count").asInt()).isEqualTo(countByTrace.get(traceId));
                Set<String> lanes = new TreeSet<>();
                trace.get("lanes").forEach(l -> lanes.add(l.get("service").asText()));
                assertThat(lanes).isEqualTo(servicesByTrace.get(traceId));
                long previous = Long.MIN_VALUE;
                for (JsonNode e : trace.get("events")) {
                    long ts = Timestamps.parseMicros(e.get("ts").asText());
                    assertThat(ts).isGreaterThanOrEqualTo(previous);
                    previous = ts;
                }
            }
        }
    }

    private static void send(ServerFixture fx, StringBuilder bulk, int items) {
        if (items == 0) {
            return;
        }
        HttpResponse<String> r = fx.post("/_bulk", bulk.toString(), "Content-Type", "application/x-ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(r).get("errors").asBoolean()).as(r.body()).isFalse();
        assertThat(ServerFixture.json(r).get("items")).hasSize(items);
    }

    /** {@code ts-travel-service-64469b5b48-25zj6} → {@code ts-travel-service} (a Deployment's pod name). */
    static String serviceOf(String pod) {
        String[] parts = pod.split("-");
        return parts.length > 2 ? String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2)) : pod;
    }

    /** Columns: Timestamp, TimeUnixNano, Node, PodName, Container, TraceID, SpanID, Log (the container's JSON line). */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(file, StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            for (CSVRecord r : csv) {
                String log = ServerFixture.JSON.readTree(r.get("Log")).path("log").asText().stripTrailing();
                rows.add(new Row(Long.parseLong(r.get("TimeUnixNano")), r.get("PodName"), r.get("TraceID"),
                        r.get("SpanID"), log));
            }
        }
        return rows;
    }
}
