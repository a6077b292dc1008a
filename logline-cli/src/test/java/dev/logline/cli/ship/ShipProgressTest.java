package dev.logline.cli.ship;

import dev.logline.cli.Logline;
import dev.logline.cli.progress.ProgressBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logline ship} catching up with a big file shows how far it is, in plain lines when not on a terminal. */
class ShipProgressTest {

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

    private static Path bigFile(Path file, int events) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < events; i++) {
            b.append("{\"ts\":\"2026-11-23T10:00:00.000000Z\",\"level\":\"INFO\",\"msg\":\"catch-up event ").append(i)
                    .append("\",\"service\":\"catchup\",\"padding\":\"").append("x".repeat(120)).append("\"}\n");
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aBigBacklogShowsBytesAcknowledgedOfTheBacklogInPlainLines() throws Exception {
        Path log = bigFile(work.resolve("big.log"), 12_000);
        long size = Files.size(log);
        assertThat(size).isGreaterThan(ProgressReport.CATCH_UP_MIN_BYTES);
        StringWriter err = new StringWriter();
        String before = System.getProperty(ProgressBar.MODE_PROPERTY);
        System.setProperty(ProgressBar.MODE_PROPERTY, "plain");
        int exit;
        try {
            // A zero interval prints on every acknowledged batch, so the test need not wait for the clock.
            exit = Logline.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(
                    "ship", log.toString(), "--once", "--url", server.url(), "--state-dir", work.resolve("state").toString(),
                    "--batch-size", "2000", "--progress-interval", "0s");
        } finally {
            if (before == null) {
                System.clearProperty(ProgressBar.MODE_PROPERTY);
            } else {
                System.setProperty(ProgressBar.MODE_PROPERTY, before);
            }
        }

        assertThat(exit).as("stderr: %s", err).isZero();
        String total = String.format(java.util.Locale.ROOT, "%.1f MiB", size / 1024.0 / 1024.0);
        List<String> lines = err.toString().lines().toList();
        assertThat(err.toString()).doesNotContain("\r");
        List<String> progress = lines.stream().filter(l -> l.startsWith("ship: catching up: ") && l.contains(" of ")).toList();
        assertThat(progress).as("a line per acknowledged batch of 2,000 events").hasSize(6);
        assertThat(progress.get(0)).contains(" of " + total + " (16%)").contains("/s, ETA ");
        assertThat(progress.get(5)).contains(total + " of " + total + " (100%)");
        assertThat(lines).anyMatch(l -> l.matches("ship: catching up: " + java.util.regex.Pattern.quote(total)
                + " in [0-9.]+ s \\(.+/s\\)"));
        assertThat(lines.get(lines.size() - 1)).startsWith("ship: done: 1 files, 12000 lines, 12000 events sent");
    }

    @Test
    void aSmallBacklogKeepsTheOrdinaryProgressLine() throws Exception {
        Path log = bigFile(work.resolve("small.log"), 100);
        StringWriter err = new StringWriter();
        int exit = Logline.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)).execute(
                "ship", log.toString(), "--once", "--url", server.url(), "--state-dir", work.resolve("state").toString(),
                "--progress-interval", "0s");

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(err.toString()).doesNotContain("catching up")
                .contains("ship: 1 files, 100 lines, 100 events sent");
    }
}
