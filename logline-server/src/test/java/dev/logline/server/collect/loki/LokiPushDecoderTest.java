package dev.logline.server.collect.loki;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ingest.DecodedBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LokiPushDecoderTest {

    /** What pino-loki (v2) posts: the pino line as JSON, the level and configured labels as stream labels. */
    private static final String PINO_LOKI_PUSH = """
            {"streams":[{"stream":{"level":"error","application":"checkout","env":"prod"},
              "values":[["1763805600123000000","{\\"level\\":50,\\"time\\":1763805600123,\\"pid\\":4242,\\"hostname\\":\\"web-3\\",\\"msg\\":\\"payment declined\\",\\"order_id\\":\\"ORD987\\",\\"amount\\":250.5}"]]},
             {"stream":{"level":"info","application":"checkout","env":"prod"},
              "values":[["1763805601000000000","{\\"level\\":30,\\"time\\":1763805601000,\\"pid\\":4242,\\"hostname\\":\\"web-3\\",\\"msg\\":\\"order placed\\"}"],
                        ["1763805602000000000","plain text line",{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}]]}]}
            """;

    @Test
    void decodesAPinoLokiPush() {
        DecodedBatch batch = LokiPushDecoder.decodeJson(PINO_LOKI_PUSH.getBytes(StandardCharsets.UTF_8));

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.events()).hasSize(3);
        LogEvent declined = batch.events().get(0);
        assertThat(declined.msg()).isEqualTo("payment declined");
        assertThat(declined.level()).isEqualTo(Level.ERROR);
        assertThat(declined.service()).isEqualTo("checkout");
        assertThat(declined.env()).isEqualTo("prod");
        assertThat(declined.host()).isEqualTo("web-3");
        assertThat(declined.tsMicros()).isEqualTo(Timestamps.parseMicros("2025-11-22T10:00:00.123Z"));
        assertThat(declined.attributes()).containsEntry("order_id", "ORD987").containsEntry("amount", 250.5)
                .containsEntry("pid", 4242L);

        LogEvent plain = batch.events().get(2);
        assertThat(plain.msg()).isEqualTo("plain text line");
        assertThat(plain.level()).isEqualTo(Level.INFO);
        assertThat(plain.service()).isEqualTo("checkout");
        assertThat(plain.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(plain.tsMicros()).isEqualTo(1763805602000000L);
    }

    @Test
    void labelConventionsMapOntoReservedFields() {
        String body = """
                {"streams":[{"stream":{"job":"varlogs","detected_level":"warn","service_name":"billing","filename":"/var/log/app.log"},
                  "values":[["1700000000000000000","disk almost full"]]},
                 {"stream":{"job":"nginx"},"values":[["1700000000000000000","GET /"]]}]}
                """;
        DecodedBatch batch = LokiPushDecoder.decodeJson(body.getBytes(StandardCharsets.UTF_8));

        LogEvent first = batch.events().get(0);
        assertThat(first.service()).isEqualTo("billing");
        assertThat(first.level()).isEqualTo(Level.WARN);
        assertThat(first.attributes()).containsEntry("job", "varlogs").containsEntry("filename", "/var/log/app.log");
        assertThat(batch.events().get(1).service()).isEqualTo("nginx");
    }

    @Test
    void aBadEntryIsRejectedAloneWithItsNumber() {
        String body = """
                {"streams":[{"stream":{"app":"a"},"values":[["1700000000000000000","ok"],["yesterday","bad ts"],["1700000000000000000"],
                  ["1700000000000000000","{\\"ts\\":\\"not a time\\",\\"msg\\":\\"bad ts\\"}"],["1700000000000000001","ok too"]]}]}
                """;
        DecodedBatch batch = LokiPushDecoder.decodeJson(body.getBytes(StandardCharsets.UTF_8));

        assertThat(batch.events()).extracting(LogEvent::msg).containsExactly("ok", "ok too");
        assertThat(batch.rejected()).extracting(r -> r.item()).containsExactly(2, 3, 4);
        assertThat(batch.rejected().get(0).error()).contains("yesterday");
    }

    @Test
    void aLineThatOnlyLooksLikeJsonStaysText() {
        String body = "{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"{not json} at all\"],[\"2\",\"{\\\"a\\\":1} trailing\"]]}]}";
        DecodedBatch batch = LokiPushDecoder.decodeJson(body.getBytes(StandardCharsets.UTF_8));
        assertThat(batch.events()).extracting(LogEvent::msg).containsExactly("{not json} at all", "{\"a\":1} trailing");
    }

    @Test
    void decodesAPromtailProtobufPush() {
        byte[] body = new PromtailPushEncoder()
                .stream("{job=\"varlogs\", host=\"node-1\", level=\"error\"}")
                .entry(1763805600L, 123_456_789, "connection refused", Map.of("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"))
                .entry(1763805601L, 0, "{\"msg\":\"json line\",\"level\":\"debug\",\"user\":\"paul\"}")
                .stream("{app=\"api\"}")
                .entry(1763805602L, 5_000, "third")
                .protobuf();

        DecodedBatch batch = LokiPushDecoder.decodeProtobuf(body);

        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.events()).hasSize(3);
        LogEvent first = batch.events().get(0);
        assertThat(first.msg()).isEqualTo("connection refused");
        assertThat(first.service()).isEqualTo("varlogs");
        assertThat(first.host()).isEqualTo("node-1");
        assertThat(first.level()).isEqualTo(Level.ERROR);
        assertThat(first.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(first.tsMicros()).isEqualTo(1763805600_123456L);
        LogEvent second = batch.events().get(1);
        assertThat(second.level()).as("the line's own level wins over the stream's").isEqualTo(Level.DEBUG);
        assertThat(second.attributes()).containsEntry("user", "paul");
        assertThat(batch.events().get(2).service()).isEqualTo("api");
        assertThat(batch.events().get(2).tsMicros()).isEqualTo(1763805602_000005L);
    }

    @Test
    void badLabelsRejectTheirStreamsEntriesOnly() {
        byte[] body = new PromtailPushEncoder()
                .stream("{job=unquoted}").entry(1, 0, "a").entry(2, 0, "b")
                .stream("{job=\"ok\"}").entry(3, 0, "c")
                .protobuf();
        DecodedBatch batch = LokiPushDecoder.decodeProtobuf(body);
        assertThat(batch.rejected()).extracting(r -> r.item()).containsExactly(1, 2);
        assertThat(batch.events()).extracting(LogEvent::msg).containsExactly("c");
    }

    @Test
    void bodiesThatAreNoPushFailWithAClearMessage() {
        assertThatThrownBy(() -> LokiPushDecoder.decodeJson("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streams");
        assertThatThrownBy(() -> LokiPushDecoder.decodeJson("{\"streams\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> LokiPushDecoder.decodeJson("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
