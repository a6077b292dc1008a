package dev.logline.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogEventJsonTest {

    @Test
    void roundTripsGeneratedEvents() {
        RandomEvents gen = new RandomEvents(20261122L);
        for (int i = 0; i < 500; i++) {
            LogEvent e = gen.event();
            String json = LogEventJson.toJson(e);
            assertThat(LogEventJson.parse(json, 0)).as(json).isEqualTo(e);
            byte[] bytes = LogEventJson.toJsonBytes(e);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(json);
            assertThat(LogEventJson.parse(bytes, 0, bytes.length, 0)).isEqualTo(e);
        }
    }

    @Test
    void fieldsWrittenIntoACallersObjectAreTheEventsOwn() throws Exception {
        RandomEvents gen = new RandomEvents(20261123L);
        for (int i = 0; i < 100; i++) {
            LogEvent e = gen.event();
            java.io.StringWriter out = new java.io.StringWriter();
            try (com.fasterxml.jackson.core.JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("_id", "a\"b");
                LogEventJson.writeFields(e, g);
                g.writeEndObject();
            }
            String event = LogEventJson.toJson(e);
            assertThat(out.toString()).isEqualTo("{\"_id\":\"a\\\"b\"," + event.substring(1));
        }
    }

    @Test
    void stepsAreWrittenAsTheEventCarriesThem() throws Exception {
        List<Step> steps = List.of(new Step(0.5, 0.5, 132, "auth header present"), new Step(105.5, 105.0, 0, null));
        java.io.StringWriter out = new java.io.StringWriter();
        try (com.fasterxml.jackson.core.JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            LogEventJson.writeSteps(g, steps);
        }
        assertThat(out.toString()).isEqualTo(
                "[{\"t_ms\":0.5,\"dt_ms\":0.5,\"line\":132,\"msg\":\"auth header present\"},{\"t_ms\":105.5,\"dt_ms\":105.0}]");
        LogEvent e = LogEvent.builder().tsMicros(1L).msg("m").steps(steps).build();
        assertThat(LogEventJson.toJson(e)).contains("\"steps\":" + out);
    }

    @Test
    void roundTripsAOneMegabyteMessage() {
        String huge = "é☕\n".repeat(350_000);
        assertThat(huge.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024 * 1024);
        LogEvent e = LogEvent.builder().tsMicros(1L).msg(huge).attribute("also", huge).build();
        assertThat(LogEventJson.parse(LogEventJson.toJson(e), 0)).isEqualTo(e);
    }

    @Test
    void roundTripsNestedAttributesAndErrorChains() {
        ErrorInfo root = new ErrorInfo("java.net.SocketTimeoutException", "Read timed out", "at x.Y.z(Y.java:1)", "9f2c01aa", null);
        ErrorInfo top = new ErrorInfo("java.lang.IllegalStateException", "gateway down", "at a.B.c(B.java:2)", "0011aabb", root);
        LogEvent e = LogEvent.builder().tsMicros(1_795_341_600_123_456L).level(Level.ERROR).msg("failed")
                .error(top)
                .attribute("http", Map.of("status", 503L, "headers", Map.of("retry", List.of(1L, 2.5, "x", true))))
                .steps(List.of(new Step(0.6, 0.6, 132, "auth header present"), new Step(105.7, 105.1, 0, null)))
                .durationMs(107.9)
                .build();
        LogEvent back = LogEventJson.parse(LogEventJson.toJson(e), 0);
        assertThat(back).isEqualTo(e);
        assertThat(back.error().cause().message()).isEqualTo("Read timed out");
    }

    @Test
    void writesTheDocumentedShape() {
        LogEvent e = LogEvent.builder().tsMicros(1_795_341_600_123_456L).msg("order placed").service("purchasing")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736").attribute("amount", 250.0).attribute("level", "mine")
                .durationMs(1.5).build();
        assertThat(LogEventJson.toJson(e)).isEqualTo("{\"ts\":\"2026-11-22T10:00:00.123456Z\",\"level\":\"INFO\","
                + "\"msg\":\"order placed\",\"service\":\"purchasing\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                + "\"amount\":250.0,\"attr_level\":\"mine\",\"duration_ms\":1.5}");
    }

    @Test
    void keepsAReservedNameGivenAsAttributeUnderTheCollisionPrefix() {
        LogEvent e = LogEvent.builder().attribute("msg", "a").attribute("attr_msg", "b").attribute("ts", 1L).build();
        assertThat(e.attributes()).containsEntry("attr_msg", "a").containsEntry("attr_attr_msg", "b")
                .containsEntry("attr_ts", 1L).hasSize(3);
        assertThat(LogEventJson.parse(LogEventJson.toJson(e), 0).attributes()).isEqualTo(e.attributes());
    }

    @Test
    void rejectsWhatIsNoEventWithAClearMessage() {
        assertThatThrownBy(() -> LogEventJson.parse("[1,2]", 0)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> LogEventJson.parse("{\"msg\":\"x\"} {}", 0)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unexpected content after the JSON object");
        assertThatThrownBy(() -> LogEventJson.parse("{\"msg\":", 0)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> LogEventJson.parse("{\"ts\":\"yesterday\"}", 0))
                .isInstanceOfSatisfying(MalformedEventException.class, m -> assertThat(m.field()).isEqualTo("ts"));
        assertThatThrownBy(() -> LogEventJson.parse("{\"duration_ms\":\"slow\"}", 0))
                .isInstanceOfSatisfying(MalformedEventException.class, m -> assertThat(m.field()).isEqualTo("duration_ms"));
        assertThatThrownBy(() -> LogEventJson.parse("{\"steps\":[1]}", 0))
                .isInstanceOfSatisfying(MalformedEventException.class, m -> assertThat(m.field()).isEqualTo("steps[0]"));
    }

    @Test
    void givesEventsWithoutATimeTheDefaultAndKeepsUnknownLevels() {
        LogEvent e = LogEventJson.parse("{\"msg\":\"x\",\"level\":\"chatty\"}", 42L);
        assertThat(e.tsMicros()).isEqualTo(42L);
        assertThat(e.level()).isEqualTo(Level.INFO);
        assertThat(e.attributes()).containsEntry(EventNormalizer.RAW_LEVEL, "chatty");
    }

    @Test
    void keepsIntegersTooLargeForALongExactly() {
        LogEvent e = LogEventJson.parse("{\"big\":123456789012345678901234567890,\"f\":1e400}", 0);
        assertThat(e.attribute("big")).isEqualTo("123456789012345678901234567890");
    }
}
