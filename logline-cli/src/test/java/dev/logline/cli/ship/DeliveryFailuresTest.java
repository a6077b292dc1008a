package dev.logline.cli.ship;

import dev.logline.cli.ship.ScriptedIngestServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the shipper answers server failures (retry after 503, stop on 401, split on 413), what it never ships, and how
 * it shares batches between files, against a scripted ingest endpoint.
 */
class DeliveryFailuresTest {

    @TempDir
    Path work;

    private ScriptedIngestServer server;

    private List<List<String>> received() {
        return server.received;
    }

    private String serve(Function<List<String>, Reply> script) throws IOException {
        server = new ScriptedIngestServer(script);
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Path logWith(int lines) throws IOException {
        Path log = work.resolve("app.log");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("{\"msg\":\"line ").append(i).append("\"}\n");
        }
        Files.writeString(log, b);
        return log;
    }

    private ShipOutcome ship(String url, String files, int batchSize, ShipListener listener) throws IOException {
        return new FileShipper(ShipSettings.of(List.of(files), work.resolve("state")).withOnce(true)
                .withBatchSize(batchSize).withGiveUpAfter(Duration.ofSeconds(10)),
                new IngestClient(url, "k3y", Duration.ofSeconds(5)), listener).run();
    }

    @Test
    void a503IsRetriedAfterTheServersRetryAfterAndThenAcknowledged() throws Exception {
        String url = serve(lines -> received().size() == 1 ? new Reply(503, "{\"error\":\"busy\"}", "1") : Reply.accept(lines));
        List<Duration> waits = new ArrayList<>();
        ShipOutcome outcome = ship(url, logWith(3).toString(), 100, new ShipListener() {
            @Override
            public void retrying(int attempt, Duration wait, String reason) {
                waits.add(wait);
                assertThat(reason).contains("503").contains("busy");
            }
        });
        assertThat(outcome.ending()).isEqualTo(ShipOutcome.Ending.COMPLETED);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(received()).hasSize(2);
        assertThat(received().get(1)).isEqualTo(received().get(0)).hasSize(3);
        assertThat(outcome.totals().events()).isEqualTo(3);
    }

    @Test
    void aRefusedKeyStopsTheRunWithoutSavingOffsets() throws Exception {
        String url = serve(lines -> new Reply(401, "{\"error\":\"unknown API key\"}", null));
        ShipOutcome outcome = ship(url, logWith(2).toString(), 100, new ShipListener() { });
        assertThat(outcome.ending()).isEqualTo(ShipOutcome.Ending.REFUSED);
        assertThat(outcome.failure().getMessage()).contains("401", "unknown API key", "--api-key");
        assertThat(received()).hasSize(1);
        assertThat(work.resolve("state").resolve(OffsetStore.OFFSETS_FILE)).doesNotExist();
    }

    @Test
    void aBatchTooLargeIsSplitAndASingleTooLargeEventIsRejected() throws Exception {
        String url = serve(lines -> lines.size() > 2 || lines.stream().anyMatch(l -> l.contains("line 4"))
                ? new Reply(413, "{\"error\":\"request too large\"}", null) : Reply.accept(lines));
        List<String> rejected = new ArrayList<>();
        ShipOutcome outcome = ship(url, logWith(5).toString(), 5, new ShipListener() {
            @Override
            public void rejected(Path file, long endOffset, String error) {
                rejected.add(endOffset + " " + error);
            }
        });
        assertThat(outcome.ending()).isEqualTo(ShipOutcome.Ending.COMPLETED);
        assertThat(outcome.totals().events()).isEqualTo(5);
        assertThat(outcome.totals().rejected()).isEqualTo(1);
        assertThat(rejected).singleElement().asString().contains("413");
        // 5 → 2 + 3; 3 → 1 + 2; 2 → 1 (accepted) + 1 (line 4: too large even alone)
        assertThat(received().stream().filter(b -> b.size() <= 2).flatMap(List::stream).distinct().count()).isEqualTo(5);
    }

    @Test
    void aGlobOverTheStateDirectoryNeverShipsTheOffsetsFile() throws Exception {
        String url = serve(Reply::accept);
        logWith(2);
        assertThat(ship(url, work + "/**", 100, new ShipListener() { }).ending()).isEqualTo(ShipOutcome.Ending.COMPLETED);
        Files.writeString(work.resolve("app.log"), "{\"msg\":\"line 2\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(work.resolve("state").resolve(OffsetStore.OFFSETS_FILE)).exists();
        assertThat(ship(url, work + "/**", 100, new ShipListener() { }).ending()).isEqualTo(ShipOutcome.Ending.COMPLETED);
        assertThat(received().stream().flatMap(List::stream))
                .containsExactly("{\"msg\":\"line 0\"}", "{\"msg\":\"line 1\"}", "{\"msg\":\"line 2\"}");
    }

    @Test
    void aBusyFileDoesNotStarveTheOthers() throws Exception {
        String url = serve(Reply::accept);
        for (String name : List.of("a.log", "b.log")) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 30; i++) {
                b.append("{\"msg\":\"").append(name).append(' ').append(i).append("\"}\n");
            }
            Files.writeString(work.resolve(name), b);
        }
        assertThat(ship(url, work + "/*.log", 10, new ShipListener() { }).totals().events()).isEqualTo(60);
        assertThat(received()).hasSize(6);
        assertThat(received().get(0)).allMatch(l -> l.contains("a.log"));
        assertThat(received().get(1)).as("the next round starts with the other file").allMatch(l -> l.contains("b.log"));
    }
}
