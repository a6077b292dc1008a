package dev.logline.it;

import dev.logline.cli.Logline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logline bench} for real, from the checkout's {@code logline-bench/target/benchmarks.jar}: this module
 * builds after logline-bench has packaged it (the CLI's own tests run before it exists and use a stand-in jar).
 */
class BenchCommandEndToEndTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void theSmallestRealBenchmarkRunsFromTheCheckoutsJar() {
        Path checkoutJar = Path.of("").toAbsolutePath().resolveSibling("logline-bench")
                .resolve("target/benchmarks.jar");
        assertThat(checkoutJar).as("built by logline-bench's package phase; run the reactor, or "
                + "mvn -pl logline-bench -am package -DskipTests first").isRegularFile();
        Path data = root.resolve("store");

        int exit = run("bench", "store", "--events", "2000", "--source", "generated", "--writers", "1",
                "--dir", data.toString());

        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains("| events (", "| 2,000 |", "| events/s until durable |",
                "data in " + data);
        assertThat(err.toString()).as("the progress summary, plain off a terminal")
                .contains("store ingest: 2,000 events in ").doesNotContain("\r");
        assertThat(Files.isDirectory(data.resolve("tenants"))).isTrue();

        out.getBuffer().setLength(0);
        assertThat(run("bench", "load", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: logline bench load", "--systems", "--full", "--events");
    }
}
