package dev.logline.cli.ship;

import dev.logline.cli.ExitCodes;
import dev.logline.cli.Logline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code logline ship}'s command line: help, and the mistakes caught before anything is read or sent. */
class ShipCommandTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void helpListsTheOptionsAndExitCodes() {
        assertThat(run("ship", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: logline ship", "FILE|GLOB", "--url", "--api-key", "--state-dir",
                "./.logline/ship", "--service", "--format", "--multiline-pattern", "--batch-size", "--once",
                "Exit codes:", "3   the server stayed unreachable");
        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("ship");
    }

    @Test
    void onceWithoutAnyMatchingFileExitsWithOne() {
        assertThat(run("ship", work + "/nothing-*.log", "--once", "--url", "http://127.0.0.1:9",
                "--state-dir", work.resolve("state").toString())).isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).contains("no text file matches");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(run("ship", "a.log", "--multiline-pattern", "([a", "--state-dir", work.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--multiline-pattern is no valid regex");
        assertThat(run("ship", "a.log", "--format", "xml", "--state-dir", work.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--format must be auto, json or plain");
        assertThat(run("ship", "a.log", "--batch-size", "0", "--state-dir", work.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--batch-size must be at least 1");
        assertThat(run("ship", "a.log", "--url", "nonsense", "--state-dir", work.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not a server URL");
        assertThat(run("ship", "a.log", "--scan-interval", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("like 500ms, 10s, 2m or 1h");
        assertThat(run("ship")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aStateDirectoryInUseIsRefused() throws Exception {
        try (OffsetStore busy = OffsetStore.open(work)) {
            assertThat(run("ship", "a.log", "--once", "--state-dir", work.toString())).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(err.toString()).contains("another logline ship is running");
    }

    @Test
    void durationsReadLikeTheOtherCommands() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.convert("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> c.convert("1d")).hasMessageContaining("is no duration");
    }
}
