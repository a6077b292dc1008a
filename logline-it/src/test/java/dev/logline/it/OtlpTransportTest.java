package dev.logline.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.logline.core.LogEvent;
import dev.logline.logback.appender.LoglineAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OTLP/HTTP JSON transport against the server's own OTLP collector ({@code /v1/logs}): events come back whole. */
class OtlpTransportTest {

    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void otlpJsonFromTheAppenderIsStoredWithItsFields() throws Exception {
        List<LogEvent> stored;
        try (RunningServer server = RunningServer.start(data)) {
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(MDC.getMDCAdapter());
            LoglineAppender appender = new LoglineAppender();
            appender.setContext(context);
            appender.setName("otlp");
            appender.setTransport("otlp");
            appender.setUrl(server.url());
            appender.setService("inference");
            appender.setEnv("staging");
            appender.setSpoolDir(spool.toString());
            appender.start();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.INFO);
            root.addAppender(appender);
            MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
            MDC.put("span_id", "00f067aa0ba902b7");
            try {
                context.getLogger("shop.inference.Model").atWarn().addKeyValue("model_version", "v7")
                        .addKeyValue("latency_ms", 412L).log("slow prediction");
            } finally {
                MDC.clear();
            }
            context.stop();
            assertThat(appender.metrics().getSent()).as(appender.metrics().summary()).isEqualTo(1);
            stored = server.arrivals();
        }
        assertThat(stored).hasSize(1);
        LogEvent e = stored.get(0);
        assertThat(e.msg()).isEqualTo("slow prediction");
        assertThat(e.level()).isEqualTo(dev.logline.core.Level.WARN);
        assertThat(e.service()).isEqualTo("inference");
        assertThat(e.env()).isEqualTo("staging");
        assertThat(e.logger()).isEqualTo("shop.inference.Model");
        assertThat(e.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(e.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(e.attribute("model_version")).isEqualTo("v7");
        assertThat(((Number) e.attribute("latency_ms")).longValue()).isEqualTo(412L);
    }
}
