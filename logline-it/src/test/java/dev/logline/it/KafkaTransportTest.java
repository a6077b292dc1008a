package dev.logline.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.server.collect.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka transport against a real in-process KRaft broker: keys, headers and values as consumers see them. */
class KafkaTransportTest {

    private static final String TOPIC = "logline-events";
    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_A = "00f067aa0ba902b7";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_B = "b7ad6b7169203331";

    @TempDir
    Path dir;

    @Test
    void eventsArriveKeyedByTraceIdWithTraceHeaders() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
            }
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(MDC.getMDCAdapter());
            LoglineAppender appender = new LoglineAppender();
            appender.setContext(context);
            appender.setName("kafka");
            appender.setTransport("kafka");
            appender.setUrl(broker.bootstrapServers());
            appender.setTopic(TOPIC);
            appender.setService("ordering");
            appender.setLingerMs(10);
            appender.setSpoolDir(dir.resolve("spool").toString());
            appender.start();
            assertThat(appender.isStarted()).isTrue();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.INFO);
            root.addAppender(appender);
            Logger log = context.getLogger("shop.ordering");

            for (int i = 0; i < 5; i++) {
                MDC.put("trace_id", TRACE_A);
                MDC.put("span_id", SPAN_A);
                log.info("A step {}", i);
                MDC.put("trace_id", TRACE_B);
                MDC.put("span_id", SPAN_B);
                log.info("B step {}", i);
            }
            MDC.clear();
            log.info("no trace");
            // The first send waits for the new broker's metadata: give it time on a busy machine.
            assertThat(RunningServer.await(() -> appender.metrics().getSent() == 11, Duration.ofSeconds(60)))
                    .as(appender.metrics().summary()).isTrue();
            context.stop();

            List<ConsumerRecord<byte[], byte[]>> records = consume(broker, 11);
            Map<String, List<ConsumerRecord<byte[], byte[]>>> byTrace = records.stream().collect(Collectors.groupingBy(
                    r -> r.key() == null ? "none" : new String(r.key(), StandardCharsets.UTF_8)));
            assertThat(byTrace.keySet()).containsExactlyInAnyOrder(TRACE_A, TRACE_B, "none");
            for (String trace : List.of(TRACE_A, TRACE_B)) {
                List<ConsumerRecord<byte[], byte[]>> txn = byTrace.get(trace);
                // one transaction, one partition, in order
                assertThat(txn.stream().map(ConsumerRecord::partition).collect(Collectors.toSet())).hasSize(1);
                List<String> msgs = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : txn) {
                    LogEvent e = LogEventJson.parse(new String(r.value(), StandardCharsets.UTF_8), 0);
                    msgs.add(e.msg());
                    assertThat(e.traceId()).isEqualTo(trace);
                    assertThat(e.service()).isEqualTo("ordering");
                    assertThat(header(r, "trace_id")).isEqualTo(trace);
                    String span = trace.equals(TRACE_A) ? SPAN_A : SPAN_B;
                    assertThat(header(r, "traceparent")).isEqualTo("00-" + trace + "-" + span + "-01");
                }
                String prefix = trace.equals(TRACE_A) ? "A step " : "B step ";
                assertThat(msgs).containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
            }
            ConsumerRecord<byte[], byte[]> untraced = byTrace.get("none").get(0);
            assertThat(untraced.headers().toArray()).isEmpty();
            assertThat(new String(untraced.value(), StandardCharsets.UTF_8)).contains("\"msg\":\"no trace\"")
                    .doesNotEndWith("\n");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> consume(KafkaBroker broker, int expected) {
        Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(),
                "group.id", "it-reader", "auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(Set.of(TOPIC));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
