package dev.logline.bench.load;

import dev.logline.bench.data.MicroserviceEventGenerator;
import dev.logline.bench.data.QueryTargets;
import dev.logline.core.LogEvent;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator and the LQL side of the query suite against a real server on a random port. */
class LoglineLoadRoundTripTest {

    @Test
    void everyEventSentIsStoredAndEveryQueryOfTheSuiteAnswers(@TempDir Path dir) throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Duration span = Duration.ofHours(24);
        MicroserviceEventGenerator events = new MicroserviceEventGenerator(42, 3_000, end, span);
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir));
             LoglineServer server = LoglineServer.create(ServerConfig.defaults().withPort(0), store).start()) {
            URI base = URI.create("http://127.0.0.1:" + server.port());

            LoadResult result = new BulkLoader(2).load(base.resolve("/api/v1/ingest"),
                    BatchFormat.NDJSON.contentType(), BatchStream.prerendered(events, 500, BatchFormat.NDJSON),
                    r -> r.path("rejected").size());
            // refreshNow() waits at most 30 s for the indexer; a busy machine may need longer.
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            do {
                store.refreshNow();
            } while (store.stats().pendingEvents() > 0 && System.nanoTime() < deadline);

            assertThat(result.events()).isEqualTo(3_000);
            assertThat(result.failed()).isZero();
            assertThat(result.requests()).isEqualTo(6);
            assertThat(store.stats().events()).isEqualTo(3_000);

            QueryTargets targets = events.targets();
            List<QueryCase> cases = QuerySuite.of(targets, end.minus(span).toEpochMilli(), end.toEpochMilli() + 1,
                    OpenSearchSystem.INDEX);
            JsonHttp http = new JsonHttp();
            assertThat(cases).hasSize(7);
            List<String> answers = new ArrayList<>();
            for (QueryCase c : cases) {
                JsonHttp.Answer a = http.send(base, c.loglineRequest().apply(0));
                assertThat(a.status()).as(c.name() + ": " + a.text()).isEqualTo(200);
                answers.add(c.loglineAnswer().apply(a.json()));
            }

            // The answers agree with the events themselves (the same seed generates them again).
            List<LogEvent> sent = new ArrayList<>();
            new MicroserviceEventGenerator(42, 3_000, end, span).forEachRemaining(sent::add);
            String trace = targets.traceIds().get(0);
            long needles = sent.stream().filter(e -> e.msg().contains(targets.needleWord())).count();
            long phrases = sent.stream().filter(e -> e.msg().contains(targets.phrase())).count();
            long levelService = sent.stream().filter(e -> e.level().name().equals(targets.filterLevel())
                    && targets.filterService().equals(e.service())).count();
            assertThat(answers).containsExactly(
                    sent.stream().filter(e -> trace.equals(e.traceId())).count() + " events",
                    needles + " events",
                    Math.min(100, phrases) + " events",
                    Math.min(100, levelService) + " events",
                    sent.stream().map(LogEvent::service).distinct().count() + " groups",
                    answers.get(5).startsWith("3000 events in ") ? answers.get(5) : "3000 events in the histogram",
                    answers.get(6));
            assertThat(answers.get(6)).matches("p95 [0-9]+\\.[0-9]");
        }
    }
}
