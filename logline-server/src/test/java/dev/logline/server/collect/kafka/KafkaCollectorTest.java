package dev.logline.server.collect.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerFixture;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka collector against a real in-process KRaft broker and a real server over the column store: JSON events
 * (trace from the headers when the event has none), OTLP protobuf exports and unreadable records from a plain
 * producer; everything readable is stored, every offset is committed, the lag is in /metrics and the status.
 */
class KafkaCollectorTest {

    private static final String TOPIC = "logs";
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir
    Path dir;

    @Test
    void storesJsonAndOtlpRecordsAndCommitsOnceDurable() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
            long now = System.currentTimeMillis();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                for (int i = 0; i < 50; i++) {
                    String json = "{\"ts\":" + (now - i) + ",\"level\":\"INFO\",\"msg\":\"json event " + i
                            + "\",\"service\":\"ordering\",\"n\":" + i + "}";
                    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(TOPIC, json.getBytes(StandardCharsets.UTF_8));
                    if (i == 0) {
                        r.headers().add("traceparent", ("00-" + TRACE + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.US_ASCII));
                    }
                    producer.send(r);
                }
                producer.send(new ProducerRecord<>(TOPIC, otlpExport(now).toByteArray()));
                producer.send(new ProducerRecord<>(TOPIC, "not json, not protobuf".getBytes(StandardCharsets.UTF_8)));
                producer.flush();
            }

            try (ServerFixture server = new ServerFixture(dir.resolve("data"), LoglineServer.builder()
                    .kafka(KafkaCollectorConfig.of(broker.bootstrapServers(), List.of(TOPIC)).withGroup("it")))) {
                assertThat(waitFor(() -> server.server.kafka().status().stored() == 53, Duration.ofSeconds(90)))
                        .as(server.server.kafka().status().toString()).isTrue();
                server.store.refreshNow();

                assertThat(server.search("service:ordering", "&limit=100").path("events")).hasSize(50);
                JsonNode traced = server.search("\"json event 0\"", "").path("events").get(0);
                assertThat(traced.path("trace_id").asText()).isEqualTo(TRACE);
                assertThat(traced.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
                JsonNode otlp = server.search("service:checkout", "").path("events");
                assertThat(otlp).hasSize(3);
                assertThat(otlp.findValuesAsText("msg")).containsExactlyInAnyOrder("otlp 0", "otlp 1", "otlp 2");

                KafkaCollector.Status status = server.server.kafka().status();
                assertThat(status.rejected()).isEqualTo(1);
                assertThat(waitFor(() -> committed(broker).equals(endOffsets(broker)), Duration.ofSeconds(30)))
                        .as("committed %s, end %s", committed(broker), endOffsets(broker)).isTrue();

                String metrics = server.get("/metrics").body();
                assertThat(metrics).contains("logline_kafka_consumer_lag{topic=\"logs\",partition=\"0\"} 0")
                        .contains("logline_kafka_consumer_lag_total 0")
                        .contains("logline_events_ingested_total{collector=\"kafka\"} 53")
                        .contains("logline_events_rejected_total{collector=\"kafka\"} 1");
                JsonNode kafka = ServerFixture.json(server.get(KafkaStatusEndpoint.PATH));
                assertThat(kafka.path("enabled").asBoolean()).isTrue();
                assertThat(kafka.path("partitions")).hasSize(2);
                assertThat(kafka.path("stored").asLong()).isEqualTo(53);
            }
        }
    }

    @Test
    void statusSaysWhenTheServerReadsNoKafka() throws Exception {
        try (ServerFixture server = new ServerFixture(dir)) {
            assertThat(ServerFixture.json(server.get(KafkaStatusEndpoint.PATH)).path("enabled").asBoolean()).isFalse();
            assertThat(server.get("/metrics").body()).doesNotContain("logline_kafka_");
        }
    }

    private static ExportLogsServiceRequest otlpExport(long nowMillis) {
        ScopeLogs.Builder scope = ScopeLogs.newBuilder();
        for (int i = 0; i < 3; i++) {
            scope.addLogRecords(LogRecord.newBuilder()
                    .setTimeUnixNano((nowMillis - i) * 1_000_000L)
                    .setSeverityText("WARN")
                    .setBody(AnyValue.newBuilder().setStringValue("otlp " + i))
                    .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(TRACE))));
        }
        return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                .addScopeLogs(scope)).build();
    }

    private static Map<TopicPartition, Long> committed(KafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("it")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaBroker broker) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = Map.of(new TopicPartition(TOPIC, 0), OffsetSpec.latest(),
                    new TopicPartition(TOPIC, 1), OffsetSpec.latest());
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0) // an empty partition has nothing to commit
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }

}
