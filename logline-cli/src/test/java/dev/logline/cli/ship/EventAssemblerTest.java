package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EventAssemblerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Feeds lines as if they were a file, each line break one byte, and flushes at the end. */
    private static List<FileEvent> assemble(ShipFormat format, Pattern continuation, String... lines) {
        EventAssembler a = new EventAssembler(null, format, new ContinuationRule(continuation),
                new PlainLineEvent("app.log", null));
        List<FileEvent> out = new ArrayList<>();
        long offset = 0;
        for (String line : lines) {
            long end = offset + line.length() + 1;
            a.line(line, offset, end, out);
            offset = end;
        }
        a.flush(out);
        return out;
    }

    private static String msg(FileEvent e) throws Exception {
        return JSON.readTree(e.json()).get("msg").asText();
    }

    @Test
    void aJavaStackTraceBecomesOneEvent() throws Exception {
        List<FileEvent> events = assemble(ShipFormat.AUTO, null,
                "2026-11-22 10:00:00 ERROR payment failed",
                "java.lang.IllegalStateException: card declined",
                "\tat shop.Payments.charge(Payments.java:42)",
                "Caused by: java.net.SocketTimeoutException: read timed out",
                "\tat java.net.Socket.read(Socket.java:1)",
                "\t... 5 more",
                "2026-11-22 10:00:01 INFO retry scheduled");
        assertThat(events).hasSize(2);
        assertThat(msg(events.get(0))).startsWith("2026-11-22 10:00:00 ERROR payment failed\njava.lang.IllegalStateException")
                .endsWith("\t... 5 more");
        assertThat(events.get(0).endOffset()).as("ends after '... 5 more'").isEqualTo(
                List.of("2026-11-22 10:00:00 ERROR payment failed", "java.lang.IllegalStateException: card declined",
                        "\tat shop.Payments.charge(Payments.java:42)",
                        "Caused by: java.net.SocketTimeoutException: read timed out",
                        "\tat java.net.Socket.read(Socket.java:1)", "\t... 5 more")
                        .stream().mapToInt(l -> l.length() + 1).sum());
        assertThat(msg(events.get(1))).isEqualTo("2026-11-22 10:00:01 INFO retry scheduled");
    }

    @Test
    void jsonLinesPassThroughUnchangedAndEndAPendingPlainEvent() throws Exception {
        List<FileEvent> events = assemble(ShipFormat.AUTO, null,
                "plain start", "{\"msg\":\"json\",\"order_id\":\"ORD1\"}", "", "{not json}");
        assertThat(events).extracting(FileEvent::json).containsExactly(
                new PlainLineEvent("app.log", null).toJson("plain start"),
                "{\"msg\":\"json\",\"order_id\":\"ORD1\"}",
                new PlainLineEvent("app.log", null).toJson("{not json}"));
    }

    @Test
    void plainFormatWrapsJsonLookingLinesToo() throws Exception {
        List<FileEvent> events = assemble(ShipFormat.PLAIN, null, "{\"msg\":\"x\"}");
        assertThat(msg(events.get(0))).isEqualTo("{\"msg\":\"x\"}");
    }

    @Test
    void jsonFormatSendsEveryLineAsItIs() {
        List<FileEvent> events = assemble(ShipFormat.JSON, null, "{\"msg\":\"x\"}", "not json at all");
        assertThat(events).extracting(FileEvent::json).containsExactly("{\"msg\":\"x\"}", "not json at all");
    }

    @Test
    void aUserPatternJoinsIndentedLines() throws Exception {
        List<FileEvent> events = assemble(ShipFormat.AUTO, Pattern.compile("^\\s"),
                "config:", "  port: 80", "  host: a", "done");
        assertThat(events).hasSize(2);
        assertThat(msg(events.get(0))).isEqualTo("config:\n  port: 80\n  host: a");
    }

    @Test
    void withoutAPatternIndentedProseStartsNewEvents() {
        assertThat(assemble(ShipFormat.AUTO, null, "config:", "  port: 80")).hasSize(2);
    }
}
