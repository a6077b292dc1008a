package dev.logline.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.cli.client.ReturnedEvent;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceLanesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReturnedEvent event(String json) throws Exception {
        return ReturnedEvent.of(JSON.readTree(json));
    }

    @Test
    void lanesFollowFirstAppearanceAndCountErrors() throws Exception {
        TraceLanes t = TraceLanes.of(List.of(
                event("{\"_id\":\"3\",\"ts\":\"2026-11-22T10:00:00.300Z\",\"service\":\"ordering\",\"level\":\"ERROR\",\"msg\":\"failed\"}"),
                event("{\"_id\":\"1\",\"ts\":\"2026-11-22T10:00:00.000Z\",\"service\":\"inventory\",\"level\":\"INFO\",\"msg\":\"reserved\"}"),
                event("{\"_id\":\"2\",\"ts\":\"2026-11-22T10:00:00.100Z\",\"service\":\"purchasing\",\"level\":\"INFO\",\"msg\":\"paid\"}"),
                event("{\"_id\":\"4\",\"ts\":\"2026-11-22T10:00:00.050Z\",\"service\":\"inventory\",\"level\":\"INFO\",\"msg\":\"done\"}")));
        assertThat(t.lanes()).extracting(TraceLanes.Lane::service).containsExactly("inventory", "purchasing", "ordering");
        assertThat(t.lanes().get(0).events()).isEqualTo(2);
        assertThat(t.errors()).isEqualTo(1);
        assertThat(t.spanMs()).isEqualTo(300.0);
        assertThat(t.events()).extracting(p -> p.event().id()).containsExactly("1", "4", "2", "3");
    }

    @Test
    void keepsTheServersOrderAndOffsets() throws Exception {
        // The server placed a request event (0.5 s of work logged at its end) before the line logged during it.
        TraceLanes t = TraceLanes.of(JSON.readTree("{\"duration_ms\":557.9,\"events\":["
                + "{\"_id\":\"r\",\"_offset_ms\":0.0,\"_end_offset_ms\":500.0,\"ts\":\"2026-11-22T10:00:00.500Z\","
                + "\"service\":\"shop\",\"msg\":\"request\",\"duration_ms\":500.0},"
                + "{\"_id\":\"d\",\"_offset_ms\":12.9,\"_end_offset_ms\":12.9,\"ts\":\"2026-11-22T10:00:00.0129Z\","
                + "\"service\":\"shop\",\"level\":\"DEBUG\",\"msg\":\"during\"},"
                + "{\"_id\":\"a\",\"_offset_ms\":557.9,\"_end_offset_ms\":557.9,\"ts\":\"2026-11-22T10:00:00.5579Z\","
                + "\"service\":\"mail\",\"msg\":\"after\"}]}"));
        assertThat(t.events()).extracting(p -> p.event().id()).containsExactly("r", "d", "a");
        assertThat(t.events()).extracting(TraceLanes.Placed::offsetMs).containsExactly(0.0, 12.9, 557.9);
        assertThat(t.spanMs()).isEqualTo(557.9);
        assertThat(t.events().get(0).event().fields().has("_offset_ms")).isFalse();
        StringWriter w = new StringWriter();
        new TraceLanesPrinter(20).print(new PrintWriter(w), "trace_id r", t);
        assertThat(w.toString()).containsSubsequence("+0.0 ms", "+12.9 ms", "+557.9 ms");
    }

    @Test
    void printsLanesEventsAndSteps() throws Exception {
        TraceLanes t = TraceLanes.of(List.of(
                event("{\"ts\":\"2026-11-22T10:00:00Z\",\"service\":\"auth\",\"level\":\"INFO\",\"msg\":\"authenticate\","
                        + "\"duration_ms\":107.9,\"steps\":[{\"t_ms\":0.6,\"line\":132,\"msg\":\"auth header present\"}]}"),
                event("{\"ts\":\"2026-11-22T10:00:01Z\",\"service\":\"db\",\"level\":\"ERROR\",\"msg\":\"timeout\","
                        + "\"error\":{\"type\":\"java.net.SocketTimeoutException\"}}")));
        StringWriter w = new StringWriter();
        new TraceLanesPrinter(20).print(new PrintWriter(w), "trace_id abc", t);
        String text = w.toString();
        // authenticate ran 107.9 ms before it was logged: the transaction starts there.
        assertThat(text).contains("trace_id abc  2 services  2 events  1 errors  1.11 s");
        assertThat(text).contains("auth |==                  |").contains("db   |                   x|");
        assertThat(text).contains("· 0.6 ms auth header present line 132");
        assertThat(text).contains("!! java.net.SocketTimeoutException");
    }
}
