package dev.logline.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.store.opensearch.OpenSearchLogStore;
import dev.logline.store.opensearch.OpenSearchStoreConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Events/s from Kafka through {@code logline server} into OpenSearch, with 1 and then 2 servers in a group, and
 * OpenSearch alone (the store writing straight from this JVM): the figures of docs/BENCHMARKS.md and the sizing in
 * docs/SCALING.md. The topic is filled first; a run's rate is events over the time from its first stored event to
 * its last. Run from logline-it (see BENCHMARKS.md): {@code ScaleOutBenchmark [events]}.
 */
public final class ScaleOutBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        if (!ScaleOutCluster.available()) {
            throw new IllegalStateException("build logline-store-opensearch first: " + ScaleOutCluster.NODE_CLASSPATH);
        }
        Path dir = Files.createTempDirectory("logline-scale-bench");
        try (ScaleOutCluster cluster = ScaleOutCluster.start(dir, 6)) {
            List<LogEvent> shop = shopEvents(events);
            fill(cluster.broker.bootstrapServers(), shop);
            double direct = direct(cluster, shop);
            double one = throughKafka(cluster, events, 1);
            double two = throughKafka(cluster, events, 2);
            System.out.printf("%nScaleOutBenchmark, %,d shop events, %d cores, %s%n", events,
                    Runtime.getRuntime().availableProcessors(), Instant.now());
            System.out.printf("| OpenSearch 2.19, 1 node, OpenSearchLogStore.write from one JVM | %,.0f events/s |%n", direct);
            System.out.printf("| Kafka → 1 logline server → OpenSearch | %,.0f events/s |%n", one);
            System.out.printf("| Kafka → 2 logline servers (one group) → OpenSearch | %,.0f events/s |%n", two);
        }
    }

    /** Events like the demo shop's: services, levels, traces, a few typed attributes. */
    static List<LogEvent> shopEvents(int n) {
        Random r = new Random(42);
        String[] services = {"ordering", "purchasing", "inventory", "payments", "inference"};
        long now = LogEvent.toMicros(Instant.now()) - n;
        List<LogEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(LogEvent.builder().tsMicros(now + i).level(i % 50 == 0 ? Level.ERROR : i % 7 == 0 ? Level.WARN : Level.INFO)
                    .service(services[r.nextInt(services.length)]).host("node-" + r.nextInt(8))
                    .logger("shop.orders.Orders").thread("http-" + r.nextInt(32))
                    .traceId(String.format("%032x", r.nextLong() & Long.MAX_VALUE))
                    .msg("order ORD" + r.nextInt(1_000_000) + " placed for customer " + r.nextInt(50_000))
                    .attribute("order_id", "ORD" + r.nextInt(1_000_000)).attribute("amount", r.nextInt(100_000) / 100.0)
                    .attribute("http", Map.of("status", (long) (r.nextInt(10) == 0 ? 500 : 200), "method", "POST"))
                    .durationMs(r.nextInt(5000) / 10.0).build());
        }
        return out;
    }

    private static void fill(String bootstrap, List<LogEvent> events) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "20", "batch.size", "262144", "compression.type", "zstd"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (LogEvent e : events) {
                producer.send(new ProducerRecord<>(ScaleOutCluster.TOPIC, LogEventJson.toJsonBytes(e)));
            }
            producer.flush();
        }
    }

    /** The store writing 2,000-event batches from this JVM, 4 in flight: OpenSearch's own ceiling with our mapping. */
    private static double direct(ScaleOutCluster cluster, List<LogEvent> events) throws Exception {
        OpenSearchStoreConfig config = OpenSearchStoreConfig.defaults(List.of(cluster.opensearchUrl)).toBuilder()
                .replicas(0).build();
        try (OpenSearchLogStore store = OpenSearchLogStore.open(config)) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < events.size(); i += 2000) {
                inFlight.add(store.write("direct", events.subList(i, Math.min(events.size(), i + 2000))));
                if (inFlight.size() >= 4) {
                    inFlight.remove(0).join();
                }
            }
            inFlight.forEach(CompletableFuture::join);
            return events.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double throughKafka(ScaleOutCluster cluster, int events, int servers) throws Exception {
        String tenant = "bench" + servers;
        List<ScaleOutCluster.Server> started = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            started.add(cluster.startServer(tenant + "-" + i, "bench-group-" + servers, tenant));
        }
        ScaleOutCluster.Server ask = started.get(0);
        long first = 0;
        long stored;
        long deadline = System.nanoTime() + 20L * 60 * 1_000_000_000L;
        do {
            Thread.sleep(200);
            stored = count(cluster, ask, tenant);
            if (stored > 0 && first == 0) {
                first = System.nanoTime();
            }
        } while (stored < events && System.nanoTime() < deadline);
        double rate = stored / ((System.nanoTime() - first) / 1e9);
        for (ScaleOutCluster.Server s : started) {
            s.jvm().close();
        }
        return rate;
    }

    private static long count(ScaleOutCluster cluster, ScaleOutCluster.Server s, String tenant) {
        try {
            // The server without a key acts for its default tenant; the bench tenant is read straight from OpenSearch.
            String body = cluster.openSearchGet("/logline-" + tenant + "-*/_count");
            return JSON.readTree(body).path("count").asLong();
        } catch (Exception | AssertionError e) {
            return 0;
        }
    }

}
