package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark compares like with like: every encoder sees the message, MDC and exception of each event. */
class BenchmarkEventsTest {

    private final LoggerContext context = new LoggerContext();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEncoderWritesTheSameEventContent() throws Exception {
        List<Encoder<ILoggingEvent>> encoders = List.of(new LoglineEncoder(), new LogstashEncoder(), BenchmarkEvents.comparableJsonEncoder());
        for (Encoder<ILoggingEvent> enc : encoders) {
            enc.setContext(context);
            enc.start();
            String typical = new String(enc.encode(BenchmarkEvents.typical(context)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(typical).as(enc.getClass().getSimpleName())
                    .contains("order ORD987 placed for customer C-1042").contains("req-5f1c2a9e");
            String error = new String(enc.encode(BenchmarkEvents.withException(context)), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(error).contains("payment gateway unavailable").contains("SocketTimeoutException");
            JsonNode node = json.readTree(typical);
            assertThat(node.isObject()).isTrue();
        }
    }
}
