package dev.logline.server.api;

import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import dev.logline.server.SseEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.logline.server.ServerFixture.enc;
import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TailEndpointTest {

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
    void aMatchingEventArrivesAndANonMatchingOneDoesNot() throws Exception {
        HttpResponse<InputStream> response = fx.http.send(HttpRequest.newBuilder(
                        fx.uri("/api/v1/tail?q=" + enc("level:ERROR service:payments"))).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        try (InputStream body = response.body()) {
            BlockingQueue<String> events = SseEvents.read(body);
            assertThat(events.poll(5, TimeUnit.SECONDS)).startsWith("ready\t");

            String now = Timestamps.formatMicros(LogEvent.toMicros(Instant.now()));
            fx.post("/api/v1/ingest",
                    "{\"ts\":\"" + now + "\",\"level\":\"INFO\",\"msg\":\"lima quiet\",\"service\":\"payments\"}\n"
                            + "{\"ts\":\"" + now + "\",\"level\":\"ERROR\",\"msg\":\"lima loud\",\"service\":\"payments\"}\n"
                            + "{\"ts\":\"" + now + "\",\"level\":\"ERROR\",\"msg\":\"lima elsewhere\",\"service\":\"ordering\"}\n");

            // Pushed by the store's refresh (every 50 ms here), without the test forcing it.
            String first = events.poll(2, TimeUnit.SECONDS);
            assertThat(first).startsWith("log\t");
            assertThat(ServerFixture.JSON.readTree(first.substring(4)).get("msg").asText()).isEqualTo("lima loud");
            assertThat(ServerFixture.JSON.readTree(first.substring(4)).get("_id").asText()).isNotBlank();
            // The two non-matching events were in the same batch; nothing else may follow.
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void pipesAndBadQueriesAreRefusedBeforeStreaming() {
        HttpResponse<String> r = fx.get("/api/v1/tail?q=" + enc("* | stats count()"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("filter only");
        HttpResponse<String> bad = fx.get("/api/v1/tail?q=" + enc("level:("));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).has("column")).isTrue();
    }

    @Test
    void aSlowClientGetsADroppedNoticeInsteadOfUnboundedBuffering() {
        // TailSession alone, with a writer nobody reads: the buffer keeps the newest 3 and counts the rest.
        com.linecorp.armeria.common.HttpResponseWriter writer = com.linecorp.armeria.common.HttpResponse.streaming();
        java.util.List<Runnable> loop = new java.util.ArrayList<>();
        TailSession session = new TailSession(writer, new dev.logline.query.filter.MatchAllFilter(), 3, loop::add);
        java.util.List<dev.logline.store.StoredEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(new dev.logline.store.StoredEvent("id-" + i,
                    LogEvent.builder().tsMicros(i).msg("mike " + i).build(), 40));
        }
        session.offer(batch);
        StringBuilder written = new StringBuilder();
        writer.subscribe(new org.reactivestreams.Subscriber<>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(com.linecorp.armeria.common.HttpObject o) {
                if (o instanceof com.linecorp.armeria.common.HttpData) {
                    written.append(((com.linecorp.armeria.common.HttpData) o).toStringUtf8());
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        }, com.linecorp.armeria.common.CommonPools.workerGroup().next());
        loop.get(0).run();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (written.length() == 0 && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        String text = written.toString();
        assertThat(text).startsWith("event: dropped\ndata: {\"dropped\":7");
        assertThat(text).contains("mike 7", "mike 8", "mike 9").doesNotContain("mike 6");
        writer.close();
    }
}
