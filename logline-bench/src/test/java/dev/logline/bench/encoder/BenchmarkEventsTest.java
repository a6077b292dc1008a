package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: every encoder sees the message, MDC and exception of each event. */
class BenchmarkEventsTest {

    private final LoggerContext context = new LoggerContext();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEncoderWritesTheSameEventContent() throws Exception {
        List<Encoder<ILoggingEvent>> encoders = List.of(new LoglineEncoder(), new LogstashEncoder(),
                BenchmarkEvents.comparableJsonEncoder(), PeerEncoders.ecsEncoder());
        for (Encoder<ILoggingEvent> enc : encoders) {
            enc.setContext(context);
            enc.start();
            String typical = new String(enc.encode(BenchmarkEvents.typical(context)), StandardCharsets.UTF_8);
            assertThat(typical).as(enc.getClass().getSimpleName())
                    .contains("order ORD987 placed for customer C-1042").contains("req-5f1c2a9e");
            String error = new String(enc.encode(BenchmarkEvents.withException(context)), StandardCharsets.UTF_8);
            assertThat(error).contains("payment gateway unavailable").contains("SocketTimeoutException");
            JsonNode node = json.readTree(typical);
            assertThat(node.isObject()).isTrue();
        }
    }

    @Test
    void jsonTemplateLayoutSeesTheSameEventAsTheLogbackEncoders() throws Exception {
        JsonTemplateLayout layout = PeerEncoders.jsonTemplateLayoutEcs();
        JsonNode typical = json.readTree(layout.toByteArray(Log4jEvents.twinOf(BenchmarkEvents.typical(context))));
        assertThat(typical.path("message").asText()).isEqualTo("order ORD987 placed for customer C-1042");
        assertThat(typical.path("request_id").asText()).isEqualTo("req-5f1c2a9e");
        assertThat(typical.path("amount").asText()).isEqualTo("250.5");
        assertThat(typical.path("service.name").asText()).isEqualTo("purchasing");
        assertThat(typical.path("host.name").asText()).isEqualTo("node-1");
        assertThat(typical.path("process.thread.name").asText()).isEqualTo("http-nio-8080-exec-7");

        JsonNode error = json.readTree(layout.toByteArray(Log4jEvents.twinOf(BenchmarkEvents.withException(context))));
        assertThat(error.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("error.stack_trace").asText()).contains("Caused by: java.net.SocketTimeoutException");

        // the garbage-free path writes the same bytes as toByteArray
        DiscardingDestination destination = new DiscardingDestination();
        layout.encode(Log4jEvents.twinOf(BenchmarkEvents.typical(context)), destination);
        assertThat(destination.bytes())
                .isEqualTo(layout.toByteArray(Log4jEvents.twinOf(BenchmarkEvents.typical(context))).length);
    }
}
