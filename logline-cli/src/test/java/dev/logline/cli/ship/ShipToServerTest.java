package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.ExitCodes;
import dev.logline.cli.Logline;
import dev.logline.core.Timestamps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logline ship} against a real server with a real column store: every event arrives exactly once. */
class ShipToServerTest {

    @TempDir
    static Path serverData;

    static ShipTestServer server;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        server = ShipTestServer.start(serverData, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** JSON lines with a unique {@code id} per event and a {@code run} naming the test. */
    private static String jsonLines(String run, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append("{\"ts\":\"").append(Timestamps.formatMicros(Instant.now().toEpochMilli() * 1000))
                    .append("\",\"level\":\"INFO\",\"msg\":\"event ").append(i).append("\",\"run\":\"").append(run)
                    .append("\",\"id\":\"").append(run).append('-').append(i).append("\"}\n");
        }
        return b.toString();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Asserts the run holds ids {@code run-0 … run-(n-1)}, each exactly once. */
    private static void assertEachIdOnce(String run, int n) throws Exception {
        Map<String, Long> counts = server.awaitCounts("run:" + run, "id",
                c -> c.values().stream().mapToLong(Long::longValue).sum() >= n);
        Thread.sleep(300); // one more refresh: a duplicate sent late would show now
        counts = server.countBy("run:" + run, "id");
        assertThat(counts).hasSize(n);
        assertThat(counts.values()).as("no id twice").allMatch(c -> c == 1);
        for (int i = 0; i < n; i++) {
            assertThat(counts).containsKey(run + "-" + i);
        }
    }

    private ShipSettings followSettings(Path state, String... files) {
        return ShipSettings.of(List.of(files), state)
                .withBatchSize(20)
                .withScanInterval(Duration.ofMillis(100))
                .withPollInterval(Duration.ofMillis(50))
                .withMultilineTimeout(Duration.ofMillis(300))
                .withCloseInactive(Duration.ofSeconds(1));
    }

    /** Runs a shipper on its own thread; {@link #finish} stops it and returns the outcome. */
    private static final class Background {
        final FileShipper shipper;
        final Thread thread;
        final AtomicReference<Object> result = new AtomicReference<>();

        Background(FileShipper shipper) {
            this.shipper = shipper;
            this.thread = new Thread(() -> {
                try {
                    result.set(shipper.run());
                } catch (Throwable t) {
                    result.set(t);
                }
            }, "test-shipper");
            thread.start();
        }

        ShipOutcome finish() throws Exception {
            shipper.stop();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(result.get()).isInstanceOf(ShipOutcome.class);
            return (ShipOutcome) result.get();
        }
    }

    private int ship(StringWriter err, String... args) {
        return Logline.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void jsonAndPlainFilesAreShippedAndAStackTraceIsOneEvent() throws Exception {
        Path json = work.resolve("orders.json.log");
        append(json, jsonLines("mixed", 0, 5));
        Path plain = work.resolve("orders.log");
        String now = Instant.now().toString();
        append(plain, now + " INFO  [main] shop.Orders - order placed for paul\n"
                + now + " ERROR [main] shop.Orders - payment failed for paul\n"
                + "java.lang.IllegalStateException: card declined\n"
                + "\tat shop.Payments.charge(Payments.java:42)\n"
                + "Caused by: java.net.SocketTimeoutException: read timed out\n"
                + "\tat java.base/java.net.Socket.read(Socket.java:1)\n"
                + "\t... 5 more\n"
                + now + " WARN  [main] shop.Orders - retry scheduled\n");
        StringWriter err = new StringWriter();
        int exit = ship(err, "ship", work + "/orders*.log", "--once", "--url", server.url(),
                "--state-dir", work.resolve("state").toString(), "--service", "shop-plain");
        assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("done: 2 files, 13 lines, 8 events sent");

        assertEachIdOnce("mixed", 5);
        Map<String, Long> levels = server.awaitCounts("service:shop-plain", "level", c -> c.size() == 3);
        assertThat(levels).containsEntry("INFO", 1L).containsEntry("ERROR", 1L).containsEntry("WARN", 1L);
        JsonNode failed = server.search("service:shop-plain \"card declined\"");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("level").asText()).isEqualTo("ERROR");
        assertThat(failed.get(0).get("msg").asText())
                .startsWith(now + " ERROR [main] shop.Orders - payment failed for paul\n")
                .contains("Caused by: java.net.SocketTimeoutException").endsWith("... 5 more");
        assertThat(failed.get(0).get("file").asText()).isEqualTo(plain.toString());
        assertThat(failed.get(0).get("ts").asText()).isEqualTo(Timestamps.formatMicros(Timestamps.parseMicros(now)));
    }

    @Test
    void rotationByRenameAndByCopytruncateLosesAndRepeatsNothing() throws Exception {
        Path log = work.resolve("app.log");
        append(log, jsonLines("rot", 0, 30));
        Background run = new Background(new FileShipper(followSettings(work.resolve("state"), log.toString()),
                new IngestClient(server.url(), null, Duration.ofSeconds(10)), new ShipListener() { }));
        try {
            server.awaitCounts("run:rot", "id", c -> c.size() == 30);

            // Rename rotation: the writer appends a little more to the old file, then starts a new one.
            append(log, jsonLines("rot", 30, 40));
            Path rotated = work.resolve("app.log.1");
            Files.move(log, rotated);
            append(rotated, jsonLines("rot", 40, 45));
            append(log, jsonLines("rot", 45, 65));
            server.awaitCounts("run:rot", "id", c -> c.size() == 65);

            // copytruncate: the file is cut to nothing and written again from the start.
            Files.writeString(log, jsonLines("rot", 65, 72), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            server.awaitCounts("run:rot", "id", c -> c.size() == 72);
        } finally {
            run.finish();
        }
        assertEachIdOnce("rot", 72);
    }

    @Test
    void aRestartInTheMiddleLosesAndRepeatsNothing() throws Exception {
        Path log = work.resolve("restart.log");
        append(log, jsonLines("restart", 0, 100));
        Path state = work.resolve("state");
        AtomicInteger batches = new AtomicInteger();
        FileShipper[] first = new FileShipper[1];
        first[0] = new FileShipper(ShipSettings.of(List.of(log.toString()), state).withBatchSize(10).withOnce(true),
                new IngestClient(server.url(), null, Duration.ofSeconds(10)), new ShipListener() {
                    @Override
                    public void acknowledged(int events, ShipTotals totals) {
                        if (batches.incrementAndGet() == 3) {
                            first[0].stop();
                        }
                    }
                });
        ShipOutcome stopped = first[0].run();
        assertThat(stopped.ending()).isEqualTo(ShipOutcome.Ending.STOPPED);
        assertThat(stopped.totals().events()).isEqualTo(30);
        try (OffsetStore store = OffsetStore.open(state)) {
            long thirtyLines = jsonLines("restart", 0, 100).lines().limit(30).mapToLong(l -> l.length() + 1).sum();
            assertThat(store.load()).singleElement().extracting(SavedOffset::offset).isEqualTo(thirtyLines);
        }

        append(log, jsonLines("restart", 100, 150));
        StringWriter err = new StringWriter();
        assertThat(ship(err, "ship", log.toString(), "--once", "--batch-size", "50", "--url", server.url(),
                "--state-dir", state.toString())).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("from byte ").contains("120 events sent");
        assertEachIdOnce("restart", 150);
    }

    @Test
    void offsetsDoNotAdvanceWhileTheServerIsDownAndNothingIsLostWhenItIsBack(@TempDir Path laterData) throws Exception {
        Path log = work.resolve("outage.log");
        append(log, jsonLines("outage", 0, 25));
        Path state = work.resolve("state");
        int port = ShipTestServer.freePort();
        CountDownLatch retried = new CountDownLatch(2);
        Background run = new Background(new FileShipper(followSettings(state, log.toString()),
                new IngestClient("http://127.0.0.1:" + port, null, Duration.ofSeconds(5)), new ShipListener() {
                    @Override
                    public void retrying(int attempt, Duration wait, String reason) {
                        retried.countDown();
                    }
                }));
        ShipOutcome outcome;
        try (ShipTestServer late = awaitRetriesThenStart(retried, state, laterData, port)) {
            Map<String, Long> counts = late.awaitCounts("run:outage", "id", c -> c.size() == 25);
            outcome = run.finish();
            assertThat(counts.values()).allMatch(c -> c == 1);
            Thread.sleep(300);
            assertThat(late.countBy("run:outage", "id").values()).hasSize(25).allMatch(c -> c == 1);
        } finally {
            if (run.thread.isAlive()) {
                run.finish();
            }
        }
        assertThat(outcome.totals().events()).isEqualTo(25);
        try (OffsetStore store = OffsetStore.open(state)) {
            assertThat(store.load()).singleElement().extracting(SavedOffset::offset).isEqualTo(Files.size(log));
        }
    }

    private static ShipTestServer awaitRetriesThenStart(CountDownLatch retried, Path state, Path data, int port)
            throws Exception {
        assertThat(retried.await(15, TimeUnit.SECONDS)).as("the shipper retried").isTrue();
        assertThat(state.resolve(OffsetStore.OFFSETS_FILE)).as("no offset saved without an ack").doesNotExist();
        return ShipTestServer.start(data, port);
    }

    @Test
    void anEventTheServerRejectsIsReportedAndSkipped() throws Exception {
        Path log = work.resolve("bad.log");
        append(log, jsonLines("reject", 0, 1)
                + "{\"ts\":\"2099-01-01T00:00:00Z\",\"msg\":\"from the future\",\"run\":\"reject\",\"id\":\"future\"}\n"
                + jsonLines("reject", 1, 2));
        Path state = work.resolve("state");
        StringWriter err = new StringWriter();
        int exit = ship(err, "ship", log.toString(), "--once", "--url", server.url(), "--state-dir", state.toString());
        assertThat(exit).as("stderr: %s", err).isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).contains("rejected the event ending at byte").contains("(skipped)")
                .contains("3 events sent").contains("1 rejected");
        assertEachIdOnce("reject", 2);
        try (OffsetStore store = OffsetStore.open(state)) {
            assertThat(store.load()).singleElement().extracting(SavedOffset::offset).isEqualTo(Files.size(log));
        }
    }

    @Test
    void followsAppendedLinesUntilInterruptedAndThenExitsWithZero() throws Exception {
        Path log = work.resolve("follow.log");
        append(log, jsonLines("follow", 0, 3));
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(ship(err, "ship", work + "/follow*.log", "--url", server.url(),
                "--state-dir", work.resolve("state").toString(), "--scan-interval", "100ms", "--progress-interval", "0s")));
        command.start();
        try {
            server.awaitCounts("run:follow", "id", c -> c.size() == 3);
            append(log, jsonLines("follow", 3, 8));
            server.awaitCounts("run:follow", "id", c -> c.size() == 8);
        } finally {
            command.interrupt();
            command.join(10_000);
        }
        assertThat(command.isAlive()).isFalse();
        assertThat(exit.get()).as("stderr: %s", err).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).contains("following " + log).contains("events sent (")
                .contains("stopped: 1 files, 8 lines, 8 events sent");
        assertEachIdOnce("follow", 8);
    }

    @Test
    void aServerThatStaysDownEndsTheRunWithExitThreeAfterTheGiveUpTime() throws Exception {
        Path log = work.resolve("down.log");
        append(log, jsonLines("down", 0, 3));
        StringWriter err = new StringWriter();
        int exit = ship(err, "ship", log.toString(), "--once", "--url", "http://127.0.0.1:" + ShipTestServer.freePort(),
                "--state-dir", work.resolve("state").toString(), "--give-up-after", "1s");
        assertThat(exit).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the Logline server").contains("gave up");
        assertThat(work.resolve("state").resolve(OffsetStore.OFFSETS_FILE)).doesNotExist();
    }
}
