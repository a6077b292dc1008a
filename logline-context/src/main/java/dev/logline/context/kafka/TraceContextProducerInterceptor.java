package dev.logline.context.kafka;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.Map;

/**
 * Adds trace headers to every record a producer sends, configured without code:
 * {@code interceptor.classes=dev.logline.context.kafka.TraceContextProducerInterceptor}. Kafka calls it on the
 * thread that calls {@code send}, so the sender's context is the current one.
 */
public class TraceContextProducerInterceptor<K, V> implements ProducerInterceptor<K, V> {

    @Override
    public ProducerRecord<K, V> onSend(ProducerRecord<K, V> record) {
        return KafkaTraceHeaders.inject(record);
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        // Nothing to record: the trace is carried by the headers alone.
    }

    @Override
    public void close() {
        // Holds no resources.
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }
}
