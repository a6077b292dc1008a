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
        assertThat(t.events()).extracting(ReturnedEvent::id).containsExactly("1", "4", "2", "3");
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
        assertThat(text).contains("trace_id abc  2 services  2 events  1 errors  1.00 s");
        assertThat(text).contains("auth |=                   |").contains("db   |                   x|");
        assertThat(text).contains("· 0.6 ms auth header present line 132");
        assertThat(text).contains("!! java.net.SocketTimeoutException");
    }
}
