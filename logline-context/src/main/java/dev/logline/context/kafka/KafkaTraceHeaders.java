package dev.logline.context.kafka;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.InboundTraceHeaders;
import dev.logline.core.trace.OutboundTraceHeaders;
import dev.logline.core.trace.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Carries the trace through Kafka record headers ({@code traceparent}, {@code tracestate}, {@code X-Trace-ID}):
 * inject on send, continue on receive.
 *
 * <pre>{@code
 * producer.send(KafkaTraceHeaders.inject(new ProducerRecord<>("orders", key, value)));
 * for (ConsumerRecord<K, V> r : records) {
 *     try (ContextScope s = KafkaTraceHeaders.continueTrace(r)) { handle(r); }
 * }
 * }</pre>
 */
public final class KafkaTraceHeaders {

    private KafkaTraceHeaders() {
    }

    /** Adds the headers for a message sent now in the current trace (or a new one), replacing old ones. */
    public static Headers inject(Headers headers) {
        TraceContext send = CurrentTrace.get().map(TraceContext::newChild).orElseGet(TraceContext::newRoot);
        OutboundTraceHeaders.of(send).forEach((name, value) -> {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        });
        return headers;
    }

    /** {@link #inject(Headers)} on the record's headers. */
    public static <K, V> ProducerRecord<K, V> inject(ProducerRecord<K, V> record) {
        inject(record.headers());
        return record;
    }

    /** The sender's context from the headers, if they carry a valid one (names compared ignoring case). */
    public static Optional<TraceContext> extract(Headers headers) {
        return InboundTraceHeaders.extract(name -> lastValue(headers, name));
    }

    /** Binds a child of the record's trace (or a new trace) for handling the record. */
    public static ContextScope continueTrace(ConsumerRecord<?, ?> record) {
        TraceContext ctx = extract(record.headers()).map(TraceContext::newChild).orElseGet(TraceContext::newRoot);
        return CurrentTrace.open(ctx);
    }

    private static String lastValue(Headers headers, String lowerName) {
        String found = null;
        for (Header h : headers) {
            if (h.key() != null && h.key().equalsIgnoreCase(lowerName) && h.value() != null) {
                found = new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return found;
    }
}
