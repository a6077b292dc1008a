package dev.logline.bench.load;

import dev.logline.bench.data.MicroserviceEventGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Logline side of the benchmark as the benchmark runs it: a server in a child JVM, driven over stdin. */
class LoglineSystemTest {

    @Test
    void loadsCommitsMeasuresAndAnswersTimedQueries(@TempDir Path dir) {
        // Surefire starts tests from a manifest-only jar; the real classpath is in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        MicroserviceEventGenerator events = new MicroserviceEventGenerator(5, 1_000, end, Duration.ofHours(1));
        try (LoglineSystem system = new LoglineSystem(dir, "256m", classpath)) {
            system.start();
            LoadResult load = new BulkLoader(2).load(system.ingestUri(), system.format().contentType(),
                    BatchStream.onDemand(events, 250, system.format()), system::rejected);
            system.makeSearchable();
            system.finishStorage();

            assertThat(load.events()).isEqualTo(1_000);
            assertThat(system.cpuTime()).isPositive();
            assertThat(system.diskBytes()).isGreaterThan(1_000L * 50);
            List<QueryTimer.Timing> timings = new QueryTimer(1, 2, Duration.ofMillis(1))
                    .time(system, QuerySuite.of(events.targets(), end.minus(Duration.ofHours(1)).toEpochMilli(),
                            end.toEpochMilli() + 1, OpenSearchSystem.INDEX));
            assertThat(timings).hasSize(7).allSatisfy(t -> {
                // The budget is spent at once, yet every query still gets its minimum of timed runs (here all 2).
                assertThat(t.runs()).isEqualTo(2);
                assertThat(t.p99Ms()).isGreaterThanOrEqualTo(t.p50Ms()).isPositive();
            });
            assertThat(timings.get(5).answer()).startsWith("1000 events");
        }
        assertThat(dir.resolve("logline-server.log")).content().contains("READY", "SYNCED pending=0",
                "COMMITTED pending=0", "STOPPED");
        assertThat(Files.isRegularFile(dir.resolve("logback-bench.xml"))).isTrue();
    }

    @Test
    void resetDropsWhatWasStoredAndKeepsServingOnTheSamePort(@TempDir Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long from = end.minus(Duration.ofHours(1)).toEpochMilli();
        try (LoglineSystem system = new LoglineSystem(dir, "256m", classpath)) {
            system.start();
            java.net.URI base = system.baseUri();
            load(system, new MicroserviceEventGenerator(5, 500, end, Duration.ofHours(1)));
            system.finishStorage();
            // After the final commit the write-ahead log holds nothing: disk is the index alone.
            assertThat(DiskUsage.of(system.dataDir().resolve("wal"))).isZero();

            system.reset();

            assertThat(system.baseUri()).isEqualTo(base);
            assertThat(total(system, from, end)).isZero();
            load(system, new MicroserviceEventGenerator(6, 120, end, Duration.ofHours(1)));
            assertThat(total(system, from, end)).isEqualTo(120);
        }
        assertThat(dir.resolve("logline-server.log")).content().contains("RESET done");
    }

    private static void load(LoglineSystem system, MicroserviceEventGenerator events) {
        LoadResult load = new BulkLoader(2).load(system.ingestUri(), system.format().contentType(),
                BatchStream.onDemand(events, 100, system.format()), system::rejected);
        assertThat(load.failed()).isZero();
        system.makeSearchable();
    }

    private static long total(LoglineSystem system, long fromMillis, Instant end) {
        JsonHttp.Answer a = new JsonHttp().send(system.baseUri(), QueryRequest.get(
                "/api/v1/search?q=*%20%7C%20stats%20count()&from=" + fromMillis + "&to=" + (end.toEpochMilli() + 1)));
        assertThat(a.status()).isEqualTo(200);
        return a.json().path("rows").path(0).path(0).asLong();
    }
}
