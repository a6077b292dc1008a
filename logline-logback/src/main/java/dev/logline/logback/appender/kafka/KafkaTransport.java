package dev.logline.logback.appender.kafka;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;
import dev.logline.logback.appender.transport.Compression;
import dev.logline.logback.appender.transport.SendOutcome;
import dev.logline.logback.appender.transport.Transport;
import dev.logline.logback.appender.transport.TransportSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Sends each event as one Kafka record: key = its {@code trace_id} (so a transaction stays in one partition and in
 * order), value = the event's JSON, headers {@code trace_id} and, for W3C ids, {@code traceparent}.
 *
 * <p>Needs {@code org.apache.kafka:kafka-clients} on the application's classpath; the appender only loads this
 * class when {@code transport=kafka}.
 */
public final class KafkaTransport implements Transport {

    /** Header carrying the event's trace id. */
    public static final String TRACE_ID_HEADER = "trace_id";
    /** W3C trace context header, present when the ids are W3C-shaped. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String servers;

    private KafkaTransport(KafkaProducer<byte[], byte[]> producer, String topic, String servers) {
        this.producer = producer;
        this.topic = topic;
        this.servers = servers;
    }

    /**
     * A transport to {@code settings.url()} (bootstrap servers, {@code kafka://} prefix optional) and topic.
     *
     * @param clientId the producer's client id; its network thread is named after it
     */
    public static Transport create(TransportSettings settings, String clientId) {
        String servers = settings.url().replaceFirst("^kafka://", "");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // The appender retries whole batches itself and spools while Kafka is away: fail fast here.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafkaCompression(settings.compression()));
        p.putAll(settings.kafkaProperties());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
        return new KafkaTransport(producer, settings.topic(), servers);
    }

    private static String kafkaCompression(Compression c) {
        switch (c) {
            case GZIP: return "gzip";
            case ZSTD: return "zstd";
            default: return "none";
        }
    }

    @Override
    public SendOutcome send(List<byte[]> lines, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(lines.size());
        List<SendOutcome.RejectedLine> rejected = new ArrayList<>();
        try {
            for (byte[] line : lines) {
                pending.add(producer.send(record(line)));
            }
            producer.flush();
            int accepted = 0;
            for (int i = 0; i < pending.size(); i++) {
                try {
                    pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    accepted++;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RetriableException) {
                        return new SendOutcome.Retry(null, "Kafka " + servers + ": " + e.getCause());
                    }
                    rejected.add(new SendOutcome.RejectedLine(i + 1, String.valueOf(e.getCause())));
                }
            }
            return new SendOutcome.Delivered(accepted, rejected);
        } catch (TimeoutException e) {
            return new SendOutcome.Retry(null, "Kafka " + servers + " did not acknowledge within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Retry(null, "interrupted while sending to Kafka " + servers);
        } catch (RuntimeException e) {
            // e.g. metadata not available within max.block.ms: the cluster is away
            return new SendOutcome.Retry(null, "Kafka " + servers + ": " + e);
        }
    }

    private ProducerRecord<byte[], byte[]> record(byte[] line) {
        int length = line.length;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            length--;
        }
        byte[] value = length == line.length ? line : Arrays.copyOf(line, length);
        String traceId = null;
        String spanId = null;
        try {
            LogEvent e = LogEventJson.parse(value, 0, value.length, 0L);
            traceId = e.traceId();
            spanId = e.spanId();
        } catch (MalformedEventException notAnEvent) {
            // sent without a key: Kafka spreads keyless records, which is all an unreadable line can ask for
        }
        byte[] key = traceId == null ? null : traceId.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, key, value);
        if (traceId != null) {
            r.headers().add(TRACE_ID_HEADER, key);
            if (spanId != null && TRACE_ID.matcher(traceId).matches() && SPAN_ID.matcher(spanId).matches()) {
                r.headers().add(TRACEPARENT_HEADER,
                        ("00-" + traceId + "-" + spanId + "-01").getBytes(StandardCharsets.US_ASCII));
            }
        }
        return r;
    }

    @Override
    public String describe() {
        return "kafka://" + servers + "/" + topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
