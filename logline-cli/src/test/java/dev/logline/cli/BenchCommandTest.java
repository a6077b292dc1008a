package dev.logline.cli;

import dev.logline.cli.bench.BenchmarksJar;
import dev.logline.cli.bench.FakeBenchmarksJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest {

    @TempDir
    Path root;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void forgetTheJar() {
        System.clearProperty(BenchmarksJar.JAR_PROPERTY);
    }

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private void useFakeJar() throws Exception {
        System.setProperty(BenchmarksJar.JAR_PROPERTY, FakeBenchmarksJar.build(root).toString());
    }

    @Test
    void helpListsTheKindsAndTheShortAndFullModes() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: logline bench [-hV] [load|store|collectors|jmh] [ARGS…]")
                .contains("short (default): logline bench --events 200000")
                .contains("full:            logline bench --full")
                .contains("10,000,000 events per system")
                .containsPattern("(?m)^  load +Logline server vs OpenSearch")
                .containsPattern("(?m)^  store +The embedded column store")
                .containsPattern("(?m)^  collectors +Events/s through each collector")
                .containsPattern("(?m)^  jmh +JMH micro-benchmarks")
                .contains("127", "no benchmarks.jar was found");
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^  bench +");
    }

    @Test
    void everythingAfterTheKindGoesToTheBenchmarkEvenHelp() throws Exception {
        useFakeJar();
        assertThat(run("bench", "store", "--help", "-x", "1", "--events=2000")).isZero();
        assertThat(out.toString()).contains("main=StoreIngestBenchmark", "args=--help|-x|1|--events=2000",
                "cwd=" + root.resolve("logline-bench"));
        assertThat(err.toString()).contains("logline bench: dev.logline.bench.store.StoreIngestBenchmark from "
                + root.resolve("logline-bench/target/benchmarks.jar") + " in " + root.resolve("logline-bench"));
    }

    @Test
    void withoutAKindTheLoadBenchmarkRunsWithEveryArgumentInOrder() throws Exception {
        useFakeJar();
        assertThat(run("bench", "--events", "5", "--systems", "store")).isZero();
        assertThat(out.toString()).contains("main=LoadBenchmark", "args=--events|5|--systems|store");
    }

    @Test
    void theBenchmarksExitCodeIsTheCommands() throws Exception {
        useFakeJar();
        assertThat(run("bench", "collectors", "--exit=4")).isEqualTo(4);
        assertThat(out.toString()).contains("main=CollectorThroughputBenchmark");
    }

    @Test
    void jmhWithoutArgumentsListsTheBenchmarksRatherThanRunningThemAll() throws Exception {
        useFakeJar();
        assertThat(run("bench", "jmh")).isZero();
        assertThat(out.toString()).contains("main=Main", "args=-l");
        out.getBuffer().setLength(0);
        assertThat(run("bench", "jmh", "EncoderBenchmark", "-f", "1")).isZero();
        assertThat(out.toString()).contains("args=EncoderBenchmark|-f|1");
    }

    @Test
    void aMissingJarIsExplainedWithItsOwnExitCode() {
        Path missing = root.resolve("gone/benchmarks.jar");
        System.setProperty(BenchmarksJar.JAR_PROPERTY, missing.toString());
        assertThat(run("bench", "store")).isEqualTo(BenchCommand.JAR_MISSING);
        assertThat(err.toString()).startsWith("error: LOGLINE_BENCH_JAR (or -Dlogline.bench.jar) names " + missing);
        assertThat(out.toString()).isEmpty();
    }
}
