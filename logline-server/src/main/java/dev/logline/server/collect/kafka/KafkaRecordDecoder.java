package dev.logline.server.collect.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.logline.core.LogEvent;
import dev.logline.core.MalformedEventException;
import dev.logline.core.trace.InboundTraceHeaders;
import dev.logline.core.trace.TraceContext;
import dev.logline.server.collect.otlp.OtlpJson;
import dev.logline.server.collect.otlp.OtlpLogsMapper;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.EventJsonReader;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.server.ingest.Rejection;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the records of one poll into one {@link DecodedBatch}: a record is a JSON event (as {@code LoglineAppender}'s
 * Kafka transport and most shippers send), an OTLP/JSON logs export, or an OTLP protobuf
 * {@code ExportLogsServiceRequest} (the OpenTelemetry Collector's Kafka exporter, {@code otlp_proto}). An event
 * without a trace id takes it from the record's headers ({@code trace_id}, {@code traceparent}, B3,
 * {@code X-Trace-ID}). Items are numbered across the poll; {@link Decoded#describe} tells which record an item came from.
 */
final class KafkaRecordDecoder {

    private final IngestLimits limits;
    /** Where each item of the batch being decoded came from. */
    private List<String> sources = new ArrayList<>();

    KafkaRecordDecoder(IngestLimits limits) {
        this.limits = limits;
    }

    /** A poll's batch and where each of its items came from ({@code topic-partition@offset}). */
    record Decoded(DecodedBatch batch, List<String> sources) {

        String describe(int item) {
            return item >= 1 && item <= sources.size() ? sources.get(item - 1) : "item " + item;
        }
    }

    Decoded decode(Iterable<ConsumerRecord<byte[], byte[]>> records, long nowMicros) {
        sources = new ArrayList<>();
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            byte[] value = r.value();
            if (value == null || value.length == 0) {
                reject(batch, where, "the record has no value");
                continue;
            }
            if (value.length > limits.maxRequestBytes()) {
                reject(batch, where, "the record holds " + value.length + " bytes, more than the request limit of "
                        + limits.maxRequestBytes());
                continue;
            }
            if (startsWithBrace(value)) {
                if (mentionsResourceLogs(value)) {
                    try {
                        addAll(batch, where, OtlpLogsMapper.map(OtlpJson.parseLogsRequest(value), nowMicros));
                        continue;
                    } catch (RuntimeException notOtlp) {
                        // an event that merely has a resourceLogs field: read it as one
                    }
                }
                try {
                    LogEvent e = withTraceHeaders(EventJsonReader.read(value, 0, value.length, nowMicros), r.headers());
                    sources.add(where);
                    batch.add(new DecodedItem(batch.size() + 1, e, value.length));
                } catch (MalformedEventException e) {
                    reject(batch, where, e.getMessage());
                }
                continue;
            }
            try {
                addAll(batch, where, OtlpLogsMapper.map(ExportLogsServiceRequest.parseFrom(value), nowMicros));
            } catch (InvalidProtocolBufferException e) {
                reject(batch, where, "the record is neither a JSON event nor an OTLP logs export (protobuf): "
                        + e.getMessage());
            }
        }
        return new Decoded(batch.build(), sources);
    }

    private void reject(DecodedBatch.Builder batch, String where, String why) {
        sources.add(where);
        batch.reject(batch.size() + 1, why);
    }

    /** Appends a decoded OTLP export's items, renumbered to follow the batch's. */
    private void addAll(DecodedBatch.Builder batch, String where, DecodedBatch part) {
        int items = part.size();
        DecodedItem[] read = new DecodedItem[items + 1];
        String[] rejected = new String[items + 1];
        for (DecodedItem i : part.items()) {
            read[i.item()] = i;
        }
        for (Rejection r : part.rejected()) {
            rejected[r.item()] = r.error();
        }
        for (int i = 1; i <= items; i++) {
            sources.add(where + " record " + i);
            if (read[i] != null) {
                batch.add(new DecodedItem(batch.size() + 1, read[i].event(), read[i].bytes()));
            } else {
                batch.reject(batch.size() + 1, rejected[i] == null ? "unreadable log record" : rejected[i]);
            }
        }
    }

    private static boolean startsWithBrace(byte[] value) {
        for (byte b : value) {
            if (b == '{') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    private static boolean mentionsResourceLogs(byte[] value) {
        int n = Math.min(value.length, 64);
        return new String(value, 0, n, StandardCharsets.UTF_8).contains("\"resourceLogs\"");
    }

    /** The event with the trace of the record's headers when it carries none itself. */
    static LogEvent withTraceHeaders(LogEvent e, Headers headers) {
        if (e.traceId() != null || headers == null || !headers.iterator().hasNext()) {
            return e;
        }
        String traceId = header(headers, "trace_id");
        if (traceId != null && !traceId.isBlank()) {
            return e.toBuilder().traceId(traceId).build();
        }
        Optional<TraceContext> ctx = InboundTraceHeaders.extract(name -> header(headers, name));
        if (ctx.isEmpty()) {
            return e;
        }
        LogEvent.Builder b = e.toBuilder().traceId(ctx.get().traceId());
        if (e.spanId() == null && (header(headers, "traceparent") != null || header(headers, "b3") != null
                || header(headers, "x-b3-spanid") != null)) {
            b.spanId(ctx.get().spanId());
        }
        return b.build();
    }

    private static String header(Headers headers, String name) {
        Header h = null;
        for (Header candidate : headers) {
            if (candidate.key().equalsIgnoreCase(name)) {
                h = candidate;
            }
        }
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
