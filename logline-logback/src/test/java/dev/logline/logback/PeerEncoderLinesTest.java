package dev.logline.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.logback.EcsEncoder;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines written live by logstash-logback-encoder and Elastic's ECS encoder, the two JSON encoders Java services
 * run most, read by logline-core's normaliser without configuration: level, message, time, logger, thread, MDC
 * fields and the exception with its cause.
 */
class PeerEncoderLinesTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("shop.pay.Payments");

    @AfterEach
    void stop() {
        context.stop();
    }

    private ILoggingEvent event(Level level, String message, Throwable error) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, level, message, error, null);
        e.setThreadName("http-nio-8080-exec-3");
        e.setMDCPropertyMap(Map.of("order_id", "ORD987", "user", "ann"));
        return e;
    }

    private static LogEvent read(Encoder<ILoggingEvent> encoder, ILoggingEvent e) {
        String line = new String(encoder.encode(e), StandardCharsets.UTF_8).trim();
        return LogEventJson.parse(line, -1);
    }

    private static Throwable failure() {
        return new IllegalStateException("card declined", new SocketTimeoutException("Read timed out"));
    }

    private void assertMapped(Encoder<ILoggingEvent> encoder) {
        ILoggingEvent info = event(Level.INFO, "user logged in", null);
        LogEvent e = read(encoder, info);
        assertThat(e.msg()).isEqualTo("user logged in");
        assertThat(e.level()).isEqualTo(dev.logline.core.Level.INFO);
        long micros = LogEvent.toMicros(info.getInstant());
        // logstash writes the instant to the microsecond, ECS to the millisecond
        assertThat(e.tsMicros()).isIn(micros, micros - Math.floorMod(micros, 1_000L));
        assertThat(e.logger()).isEqualTo("shop.pay.Payments");
        assertThat(e.thread()).isEqualTo("http-nio-8080-exec-3");
        assertThat(e.attributes()).containsEntry("order_id", "ORD987").containsEntry("user", "ann");
        assertThat(e.error()).isNull();

        LogEvent failed = read(encoder, event(Level.ERROR, "payment failed", failure()));
        assertThat(failed.level()).isEqualTo(dev.logline.core.Level.ERROR);
        assertThat(failed.error().type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.error().message()).isEqualTo("card declined");
        assertThat(failed.error().stack()).contains("PeerEncoderLinesTest.failure");
        assertThat(failed.error().cause().type()).isEqualTo("java.net.SocketTimeoutException");
        assertThat(failed.error().cause().message()).isEqualTo("Read timed out");

        assertThat(read(encoder, event(Level.WARN, "stock low", null)).level()).isEqualTo(dev.logline.core.Level.WARN);
        assertThat(read(encoder, event(Level.DEBUG, "cache warm", null)).level()).isEqualTo(dev.logline.core.Level.DEBUG);
    }

    @Test
    void logstashLogbackEncoder() {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        assertMapped(encoder);
        // the format's own markers do not become attributes
        assertThat(read(encoder, event(Level.INFO, "x", null)).attributes())
                .doesNotContainKeys("@version", "level_value", "stack_trace");
    }

    @Test
    void elasticEcsEncoder() {
        EcsEncoder encoder = new EcsEncoder();
        encoder.setServiceName("shop");
        encoder.setContext(context);
        encoder.start();
        assertMapped(encoder);
        LogEvent e = read(encoder, event(Level.ERROR, "payment failed", failure()));
        assertThat(e.service()).isEqualTo("shop");
        assertThat(e.attributes()).doesNotContainKeys("error.type", "error.message", "error.stack_trace");
    }
}
