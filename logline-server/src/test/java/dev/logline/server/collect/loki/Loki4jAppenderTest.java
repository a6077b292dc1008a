package dev.logline.server.collect.loki;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.loki4j.logback.AbstractLoki4jEncoder;
import com.github.loki4j.logback.JavaHttpSender;
import com.github.loki4j.logback.JsonEncoder;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.ProtobufEncoder;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Loki client most Java services use, the Loki4j Logback appender, pushes to our
 * {@code /loki/api/v1/push} in both its JSON and its protobuf+snappy mode; its events come back from the search
 * API with their stream labels as fields. Each appender lives in a {@link LoggerContext} of its own, so the test
 * configures exactly what a user's {@code logback.xml} would and nothing leaks into other tests' logging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Loki4jAppenderTest {

    private static final String LABELS = "service_name=checkout,cluster=eu-1,level=%level";

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir);
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    @Test
    void jsonModeEventsAreStoredWithLabelsAndLevel() throws Exception {
        try (LokiLogging logging = new LokiLogging(new JsonEncoder(), () -> pattern("%msg"))) {
            Logger log = logging.logger("shop.checkout.Cart");
            log.warn("lokijsonword cart {} abandoned", 17);
            log.info("lokijsonword cart 18 paid");
        }

        JsonNode events = awaitEvents("lokijsonword", 2);
        JsonNode warn = withMessage(events, "lokijsonword cart 17 abandoned");
        assertThat(warn.path("service").asText()).isEqualTo("checkout");
        assertThat(warn.path("level").asText()).isEqualTo("WARN");
        assertThat(warn.path("cluster").asText()).isEqualTo("eu-1");
        assertThat(withMessage(events, "lokijsonword cart 18 paid").path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void protobufSnappyModeEventsAreStoredWithLabelsAndLevel() throws Exception {
        try (LokiLogging logging = new LokiLogging(new ProtobufEncoder(), () -> pattern("%msg"))) {
            Logger log = logging.logger("shop.payments.Charge");
            log.error("lokiprotoword card declined for order {}", "A-991");
            log.debug("lokiprotoword retrying");
        }

        JsonNode events = awaitEvents("lokiprotoword", 2);
        JsonNode error = withMessage(events, "lokiprotoword card declined for order A-991");
        assertThat(error.path("service").asText()).isEqualTo("checkout");
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("cluster").asText()).isEqualTo("eu-1");
        assertThat(withMessage(events, "lokiprotoword retrying").path("level").asText()).isEqualTo("DEBUG");
    }

    @Test
    void jsonLayoutLinesAreReadAsStructuredEvents() throws Exception {
        try (LokiLogging logging = new LokiLogging(new ProtobufEncoder(), JsonLayout::new)) {
            logging.logger("shop.inventory.Stock").info("lokilayoutword stock low for sku 42");
        }

        JsonNode event = awaitEvents("lokilayoutword", 1).get(0);
        assertThat(event.path("msg").asText()).isEqualTo("lokilayoutword stock low for sku 42");
        assertThat(event.path("logger").asText()).isEqualTo("shop.inventory.Stock");
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("service").asText()).isEqualTo("checkout");
        assertThat(event.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    }

    private static PatternLayout pattern(String pattern) {
        PatternLayout layout = new PatternLayout();
        layout.setPattern(pattern);
        return layout;
    }

    private static JsonNode withMessage(JsonNode events, String msg) {
        for (JsonNode e : events) {
            if (e.path("msg").asText().equals(msg)) {
                return e;
            }
        }
        throw new AssertionError("no event with msg '" + msg + "' in " + events);
    }

    /** The appender acknowledges nothing to the caller; its stop() drains, so the events are stored once it returns. */
    private JsonNode awaitEvents(String word, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode events;
        do {
            fx.store.refreshNow();
            events = fx.search(word, "").path("events");
            if (events.size() >= expected) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertThat(events).as("events matching %s", word).hasSize(expected);
        return events;
    }

    /** A Logback context with only a Loki4j appender pointed at the fixture's server, as a logback.xml would set it up. */
    private final class LokiLogging implements AutoCloseable {
        final LoggerContext context = new LoggerContext();
        final Loki4jAppender appender = new Loki4jAppender();

        LokiLogging(AbstractLoki4jEncoder encoder, Supplier<Layout<ILoggingEvent>> messageLayout) {
            context.setName("loki4j-test");
            // A context made by hand has no MDC adapter; Logback's own initialisation would have set this one.
            context.setMDCAdapter(new LogbackMDCAdapter());
            JavaHttpSender http = new JavaHttpSender();
            http.setUrl("http://127.0.0.1:" + fx.server.port() + "/loki/api/v1/push");
            AbstractLoki4jEncoder.LabelCfg label = new AbstractLoki4jEncoder.LabelCfg();
            label.setPattern(LABELS);
            Layout<ILoggingEvent> layout = messageLayout.get();
            layout.setContext(context);
            layout.start();
            encoder.setContext(context);
            encoder.setLabel(label);
            encoder.setMessage(layout);
            appender.setContext(context);
            appender.setName("LOKI");
            appender.setHttp(http);
            appender.setFormat(encoder);
            appender.setBatchTimeoutMs(100);
            appender.setDrainOnStop(true);
            appender.start();
            assertThat(appender.isStarted()).as("appender started; status: %s", statuses()).isTrue();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(ch.qos.logback.classic.Level.DEBUG);
            root.addAppender(appender);
        }

        Logger logger(String name) {
            return context.getLogger(name);
        }

        String statuses() {
            return context.getStatusManager().getCopyOfStatusList().stream()
                    .map(Status::toString).collect(Collectors.joining("; "));
        }

        /** Stops the appender, which sends what it still holds, and fails on any error it reported. */
        @Override
        public void close() {
            appender.stop();
            context.stop();
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as("Loki4j status messages")
                    .noneMatch(s -> s.getEffectiveLevel() >= Status.WARN);
        }
    }
}
