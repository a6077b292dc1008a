package dev.logline.context.kafka;

import dev.logline.context.ContextScope;
import dev.logline.context.CurrentTrace;
import dev.logline.core.trace.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaTraceHeadersTest {

    @Test
    void producerRecordCarriesTheTraceToTheConsumer() {
        TraceContext ctx = TraceContext.newRoot();
        ProducerRecord<String, String> sent;
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            sent = new TraceContextProducerInterceptor<String, String>()
                    .onSend(new ProducerRecord<>("orders", "k", "v"));
        }
        assertThat(sent.headers().lastHeader("traceparent")).isNotNull();
        // What the consumer receives: the same headers on a ConsumerRecord.
        ConsumerRecord<String, String> received = new ConsumerRecord<>("orders", 0, 7L, 0L, TimestampType.CREATE_TIME,
                1, 1, "k", "v", new RecordHeaders(sent.headers().toArray()), Optional.empty());
        try (ContextScope scope = KafkaTraceHeaders.continueTrace(received)) {
            assertThat(MDC.get("trace_id")).isEqualTo(ctx.traceId());
            assertThat(CurrentTrace.get().orElseThrow().parentSpanId()).isNotNull();
        }
        assertThat(MDC.get("trace_id")).isNull();
    }

    @Test
    void injectReplacesOldHeadersAndExtractIgnoresCaseAndGarbage() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("TraceParent", "garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(KafkaTraceHeaders.extract(headers)).isEmpty();
        headers.add("X-Trace-ID", "corr-1".getBytes(StandardCharsets.UTF_8));
        assertThat(KafkaTraceHeaders.extract(headers).orElseThrow().traceId()).isEqualTo("corr-1");

        TraceContext ctx = TraceContext.newRoot();
        RecordHeaders fresh = new RecordHeaders();
        try (ContextScope scope = CurrentTrace.open(ctx)) {
            KafkaTraceHeaders.inject(fresh);
            KafkaTraceHeaders.inject(fresh);
        }
        assertThat(fresh.headers("traceparent")).hasSize(1);
        assertThat(KafkaTraceHeaders.extract(fresh).orElseThrow().traceId()).isEqualTo(ctx.traceId());
    }
}
