package dev.logline.cli.bench;

import dev.logline.cli.progress.ProgressBar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Real child JVMs on a fake benchmarks jar: what goes in, what comes out, and how it ends. */
class BenchProcessTest {

    @TempDir
    static Path root;

    static BenchmarksJar jar;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void buildJar() throws Exception {
        jar = BenchmarksJar.of(FakeBenchmarksJar.build(root));
    }

    private BenchProcess start(BenchKind kind, List<String> args) throws Exception {
        List<String> command = BenchProcess.command(jar, kind, List.of("-Xss1m"), ProgressBar.Mode.PLAIN, args);
        return BenchProcess.start(command, jar.workingDir(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void theCommandLinePutsJvmOptionsBeforeTheJarAndArgumentsAfterTheMainClass() {
        List<String> command = BenchProcess.command(jar, BenchKind.STORE, List.of("-Xss1m"), ProgressBar.Mode.TERMINAL,
                List.of("--events", "2000"));

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command.subList(1, command.size())).containsExactly("-Xmx2g", "-Xss1m", "-Dlogline.progress=terminal",
                "-cp", jar.jar().toString(), "dev.logline.bench.store.StoreIngestBenchmark", "--events", "2000");
    }

    @Test
    void argumentsPassUnchangedOutputStreamsAndTheExitCodeComesBack() throws Exception {
        BenchProcess child = start(BenchKind.STORE, List.of("--exit=3", "--help", "-f", "1", "two words"));

        assertThat(child.waitFor()).isEqualTo(3);
        assertThat(out.toString())
                .contains("main=StoreIngestBenchmark")
                .contains("args=--exit=3|--help|-f|1|two words")
                .contains("cwd=" + root.resolve("logline-bench"))
                .contains("progress=plain")
                .contains("drawn\rredrawn\n");
        assertThat(err.toString()).isEqualTo("to stderr" + System.lineSeparator());
    }

    @Test
    void stopEndsTheBenchmarkAndTheProcessesItStarted() throws Exception {
        BenchProcess child = start(BenchKind.LOAD, List.of("--hang"));
        long grandchild = awaitGrandchild();
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);

        child.stop();

        assertThat(child.handle().isAlive()).isFalse();
        assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(child.waitFor()).isNotZero();
    }

    private long awaitGrandchild() throws InterruptedException {
        Pattern p = Pattern.compile("grandchild=(\\d+)");
        for (int i = 0; i < 600; i++) { // up to a minute on a busy machine
            Matcher m = p.matcher(out.toString());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the fake benchmark never started its grandchild; it wrote: " + out + err);
    }

    @Test
    void aJvmThatCannotStartIsReportedThroughItsExitCode() throws Exception {
        BenchProcess child = BenchProcess.start(BenchProcess.command(jar, BenchKind.JMH, List.of("-Xmx1z"),
                ProgressBar.Mode.OFF, List.of()), jar.workingDir(), new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(child.waitFor()).isNotZero();
        assertThat(err.toString()).contains("Invalid maximum heap size: -Xmx1z");
        assertThat(out.toString()).isEmpty();
    }
}
