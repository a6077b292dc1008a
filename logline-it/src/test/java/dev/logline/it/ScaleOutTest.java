package dev.logline.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.logback.appender.LoglineAppender;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past one machine, end to end: 200,000 events reach Kafka, half through {@code LoglineAppender}'s Kafka transport
 * and half from a plain producer, while two {@code logline server} processes in one consumer group store them in
 * OpenSearch. One server is killed (SIGKILL) a third of the way and started again; the broker is restarted two
 * thirds of the way. In the end every event is stored exactly once, and both servers answer the same queries with
 * the same answers.
 */
class ScaleOutTest {

    private static final int PER_SOURCE = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void twoServersStoreEveryEventOnceThroughAKillAndABrokerRestart() throws Exception {
        Assumptions.assumeTrue(ScaleOutCluster.available(), "logline-store-opensearch is not built ("
                + ScaleOutCluster.NODE_CLASSPATH + " is missing); run mvn -pl logline-it -am verify");
        long start = System.nanoTime();
        try (ScaleOutCluster cluster = ScaleOutCluster.start(dir, 6)) {
            ScaleOutCluster.Server a = cluster.startServer("a");
            ScaleOutCluster.Server b = cluster.startServer("b");
            long from = Instant.now().minusSeconds(60).toEpochMilli();

            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            Thread plain = new Thread(() -> {
                try {
                    producePlain(cluster.broker.bootstrapServers());
                } catch (Throwable t) {
                    producerFailure.set(t);
                }
            }, "plain-producer");
            plain.start();
            LoggerContext app = appenderApplication(cluster.broker.bootstrapServers());
            Logger log = app.getLogger("shop.ordering.Orders");
            for (int i = 0; i < PER_SOURCE; i++) {
                MDC.put("trace_id", String.format("%032x", i / 4));
                log.atInfo().addKeyValue("n", i).log("order {} placed", i);
            }
            MDC.clear();

            assertThat(RunningServer.await(() -> stored(cluster, b, from) >= 60_000, Duration.ofMinutes(4)))
                    .as("stored before the kill: %d", stored(cluster, b, from)).isTrue();
            a.jvm().kill();
            a = cluster.startServer("a2");
            assertThat(RunningServer.await(() -> stored(cluster, b, from) >= 120_000, Duration.ofMinutes(4)))
                    .as("stored before the broker restart: %d", stored(cluster, b, from)).isTrue();
            cluster.broker.restart();

            plain.join(Duration.ofMinutes(3).toMillis());
            assertThat(producerFailure.get()).isNull();
            LoglineAppender appender = (LoglineAppender) app.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("kafka");
            assertThat(RunningServer.await(() -> appender.metrics().getSent() >= PER_SOURCE, Duration.ofMinutes(3)))
                    .as(appender.metrics().summary()).isTrue();
            app.stop();
            assertThat(RunningServer.await(() -> stored(cluster, b, from) >= 2 * PER_SOURCE, Duration.ofMinutes(5)))
                    .as("stored in the end: %d", stored(cluster, b, from)).isTrue();
            Thread.sleep(3_000); // anything still re-delivered after the count was reached shows up in the checks below

            long to = Instant.now().plusSeconds(60).toEpochMilli();
            String range = "&from=" + from + "&to=" + to;
            JsonNode perSource = JSON.readTree(cluster.get(b, "/api/v1/search?q="
                    + enc("* | stats count(), count_uniq(n), min(n), max(n) by service | sort by service") + range));
            assertThat(perSource.path("rows").toString()).isEqualTo(
                    "[[\"appender\",100000,100000,0,99999],[\"plain\",100000,100000,0,99999]]");

            for (String query : List.of(
                    "/api/v1/search?limit=50&q=" + enc("service:plain n<50") + range,
                    "/api/v1/search?q=" + enc("* | stats count() by service, level") + range,
                    "/api/v1/search?q=" + enc("\"order 4242 placed\"") + range,
                    "/api/v1/search?q=" + enc("n>=99990 | stats count() by service") + range,
                    "/api/v1/histogram?interval=1m&q=*" + range,
                    "/api/v1/fields?q=" + enc("service:appender n<1000") + range,
                    "/api/v1/traces/" + String.format("%032x", 1234) + "?" + range.substring(1))) {
                String fromA = withoutTimings(cluster.get(a, query));
                String fromB = withoutTimings(cluster.get(b, query));
                assertThat(fromA).as(query).isEqualTo(fromB).isNotEqualTo("{}");
            }
            System.out.printf("ScaleOutTest: 200,000 events through Kafka, 2 servers (one killed), a broker restart,"
                    + " OpenSearch: %d s%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        }
    }

    private static void producePlain(String bootstrap) {
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "20", "acks", "all", "delivery.timeout.ms", "180000"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < PER_SOURCE; i++) {
                // Each event carries its own time: a redelivered record is then the same event, stored once.
                String json = "{\"ts\":" + (now + i / 100) + ",\"level\":\"" + (i % 10 == 0 ? "WARN" : "INFO")
                        + "\",\"msg\":\"plain event " + i + "\",\"service\":\"plain\",\"n\":" + i + "}";
                producer.send(new ProducerRecord<>(ScaleOutCluster.TOPIC, Integer.toString(i).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private LoggerContext appenderApplication(String bootstrap) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LoglineAppender appender = new LoglineAppender();
        appender.setContext(context);
        appender.setName("kafka");
        appender.setTransport("kafka");
        appender.setUrl(bootstrap);
        appender.setTopic(ScaleOutCluster.TOPIC);
        appender.setService("appender");
        appender.setQueueSize(200_000);
        appender.setBatchSize(1000);
        appender.setLingerMs(20);
        appender.setSpoolDir(dir.resolve("spool").toString());
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return context;
    }

    /** Events stored in the range, as OpenSearch counts them. */
    private static long stored(ScaleOutCluster cluster, ScaleOutCluster.Server s, long from) {
        try {
            JsonNode r = JSON.readTree(cluster.get(s, "/api/v1/search?q=" + enc("* | stats count()") + "&from=" + from
                    + "&to=" + Instant.now().plusSeconds(60).toEpochMilli()));
            return r.path("rows").path(0).path(0).asLong();
        } catch (Exception | AssertionError e) {
            System.out.println("ScaleOutTest: counting failed: " + e.getMessage());
            return -1;
        }
    }

    /** The answer without what differs between two runs of one query (time taken, work done). */
    private static String withoutTimings(String body) throws Exception {
        JsonNode tree = JSON.readTree(body);
        strip(tree);
        return tree.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("took_ms", "scanned"));
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            strip(it.next());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
