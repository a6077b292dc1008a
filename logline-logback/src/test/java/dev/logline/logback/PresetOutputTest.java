package dev.logline.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import dev.logline.core.LogEvent;
import dev.logline.logback.layout.FieldName;
import dev.logline.logback.layout.Preset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.logline.logback.EncoderFixture.decode;
import static dev.logline.logback.EncoderFixture.encoder;
import static dev.logline.logback.EncoderFixture.strictParse;
import static org.assertj.core.api.Assertions.assertThat;

/** Golden output and field-name validation for every preset, on a fixed clock and host. */
class PresetOutputTest {

    private final CapturedEvents events = new CapturedEvents();

    /** The keys each peer documents; an encoder output key must be one of these or an attribute of the event. */
    private static final Map<Preset, Set<String>> PEER_FIELDS = Map.of(
            Preset.LOGLINE, Set.of("ts", "level", "msg", "service", "env", "version", "host", "logger", "thread",
                    "trace_id", "span_id", "error", "tags", "steps", "duration_ms"),
            Preset.ECS, Set.of("@timestamp", "log.level", "message", "ecs.version", "service.name",
                    "service.environment", "service.version", "host.name", "log.logger", "process.thread.name",
                    "trace.id", "span.id", "error.type", "error.message", "error.stack_trace", "tags"),
            Preset.LOGSTASH, Set.of("@timestamp", "@version", "message", "logger_name", "thread_name", "level",
                    "level_value", "stack_trace", "stack_hash", "tags", "service", "env", "version", "host",
                    "trace_id", "span_id"),
            Preset.OTEL, Set.of("timestamp", "severity_text", "severity_number", "body", "attributes", "resource",
                    "trace_id", "span_id", "scope"),
            Preset.GELF, Set.of("version", "host", "short_message", "full_message", "timestamp", "level",
                    "_level_name", "_service", "_env", "_version", "_logger", "_thread", "_trace_id", "_span_id",
                    "_tags", "_error_type", "_error_message", "_stack_hash"));

    private LoggingEvent typicalEvent() {
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("span_id", "00f067aa0ba902b7");
        MDC.put("tenant_hint", "acme");
        try {
            return events.capture(log -> log.atInfo().setMessage("order {} placed").addArgument("ORD987")
                    .addMarker(MarkerFactory.getDetachedMarker("billing"))
                    .addKeyValue("amount", 250.0).addKeyValue("items", 3).addKeyValue("message", "clash").log());
        } finally {
            MDC.clear();
        }
    }

    private LoggingEvent errorEvent() {
        Exception cause = new IllegalStateException("pool exhausted");
        cause.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("shop.db.Pool", "borrow", "Pool.java", 88),
                new StackTraceElement("shop.purchasing.Orders", "place", "Orders.java", 41)});
        Exception top = new RuntimeException("payment failed", cause);
        top.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("shop.purchasing.Payments", "charge", "Payments.java", 20),
                new StackTraceElement("shop.purchasing.Orders", "place", "Orders.java", 41)});
        return events.capture(log -> log.atError().setMessage("charge failed").setCause(top)
                .addKeyValue("order_id", "ORD987").log());
    }

    private LoglineEncoder encoderFor(Preset preset) {
        return encoder(events.context(), e -> {
            e.setPreset(preset.settingName());
            e.setService("purchasing");
            e.setEnv("prod");
            e.setVersion("1.4.2");
        });
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void matchesTheGoldenOutput(Preset preset) throws IOException {
        LoglineEncoder enc = encoderFor(preset);
        String actual = new String(enc.encode(typicalEvent()), StandardCharsets.UTF_8)
                + new String(enc.encode(errorEvent()), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("logline.updateGoldens")) {
            // regenerate after an intended format change: mvn test -Dlogline.updateGoldens=true, then review the diff
            java.nio.file.Path file = java.nio.file.Path.of("src/test/resources/golden", preset.settingName() + ".ndjson");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(golden(preset));
    }

    private static String golden(Preset preset) throws IOException {
        try (InputStream in = PresetOutputTest.class.getResourceAsStream("/golden/" + preset.settingName() + ".ndjson")) {
            assertThat(in).as("golden file for " + preset).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void writesOnlyThePeersFieldNamesBesidesTheEventsOwnAttributes(Preset preset) {
        LoglineEncoder enc = encoderFor(preset);
        Set<String> attributeNames = Set.of("tenant_hint", "amount", "items", "attr_message", "message",
                "order_id", "_tenant_hint", "_amount", "_items", "_message", "_attr_message", "_order_id");
        for (LoggingEvent e : List.of(typicalEvent(), errorEvent())) {
            Map<String, Object> json = strictParse(enc.encode(e));
            Set<String> unknown = new HashSet<>(json.keySet());
            unknown.removeAll(PEER_FIELDS.get(preset));
            unknown.removeAll(attributeNames);
            assertThat(unknown).as(preset + " output keys not in the peer's list").isEmpty();
            if (preset == Preset.GELF) {
                assertThat(json.keySet()).allMatch(k -> k.matches("^[\\w.\\-]+$") && !k.equals("_id"));
                assertThat(json.values()).allMatch(v -> v instanceof String || v instanceof Number);
            }
        }
    }

    @Test
    void everyPresetNamesEveryLogicalField() {
        for (Preset p : Preset.values()) {
            for (FieldName f : FieldName.values()) {
                assertThat(p.defaultName(f)).as(p + " " + f).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"LOGLINE", "ECS", "LOGSTASH"})
    void isReadBackByTheServersNormalizer(Preset preset) {
        LogEvent d = decode(encoderFor(preset).encode(typicalEvent()));
        assertThat(d.msg()).isEqualTo("order ORD987 placed");
        assertThat(d.tsMicros()).isEqualTo(LogEvent.toMicros(CapturedEvents.FIXED));
        assertThat(d.level().name()).isEqualTo("INFO");
        assertThat(d.service()).isEqualTo("purchasing");
        assertThat(d.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(d.host()).isEqualTo("node-1");
    }
}
