package dev.logline.cli.client;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventReaderTest {

    private static List<ServerSentEvent> read(String stream) throws Exception {
        List<ServerSentEvent> got = new ArrayList<>();
        new ServerSentEventReader(new BufferedReader(new StringReader(stream))).forEach(got::add);
        return got;
    }

    @Test
    void readsTypedAndUntypedEventsSkippingComments() throws Exception {
        List<ServerSentEvent> got = read(": keep-alive\n\ndata: {\"a\":1}\n\nevent: dropped\nid: 7\ndata: 3\n\n");
        assertThat(got).containsExactly(
                new ServerSentEvent("message", "{\"a\":1}", null),
                new ServerSentEvent("dropped", "3", "7"));
    }

    @Test
    void joinsMultiLineDataAndIgnoresAnUnfinishedEvent() throws Exception {
        assertThat(read("data:one\ndata: two\n\ndata: never finished\n"))
                .containsExactly(new ServerSentEvent("message", "one\ntwo", null));
    }

    @Test
    void stopsWhenTheListenerSaysSo() throws Exception {
        List<String> seen = new ArrayList<>();
        boolean stopped = new ServerSentEventReader(new BufferedReader(new StringReader("data: 1\n\ndata: 2\n\ndata: 3\n\n")))
                .forEach(e -> seen.add(e.data()) && seen.size() < 2);
        assertThat(stopped).isTrue();
        assertThat(seen).containsExactly("1", "2");
    }
}
