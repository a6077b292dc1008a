package dev.logline.cli.bench;

import dev.logline.cli.progress.ProgressBar;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark in a child JVM on the benchmarks jar alone, so its libraries (Log4j2, JMH, the OpenSearch client
 * side) never meet the command's own (Logback, Armeria). Its stdout and stderr are copied to ours as they come
 * (character by character, so a progress bar's {@code \r} redraws pass through), its stdin is closed.
 *
 * <p>Lifecycle: {@link #start} launches it; {@link #waitFor} returns its exit code; {@link #stop} (called by the
 * command's shutdown hook on Ctrl-C or SIGTERM) ends it and every process it started (the benchmarked servers),
 * first politely, then forcibly after a grace time.
 */
public final class BenchProcess {

    /** How long the benchmark may take to stop after SIGTERM (its servers close their stores) before it is killed. */
    static final long GRACE_SECONDS = 15;

    private final Process process;
    private final List<Thread> pumps;

    private BenchProcess(Process process, List<Thread> pumps) {
        this.process = process;
        this.pumps = pumps;
    }

    /**
     * The child's command line: {@code java <kind's options> <extra options> -Dlogline.progress=<mode> -cp <jar>
     * <main class> <args>}.
     */
    public static List<String> command(BenchmarksJar jar, BenchKind kind, List<String> extraJvmOptions,
                                       ProgressBar.Mode progress, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(kind.jvmOptions());
        cmd.addAll(extraJvmOptions);
        // The child's output is a pipe to us, so it cannot see our terminal; it is told what we see.
        cmd.add("-D" + ProgressBar.MODE_PROPERTY + "=" + progress.name().toLowerCase(java.util.Locale.ROOT));
        cmd.add("-cp");
        cmd.add(jar.jar().toString());
        cmd.add(kind.mainClass());
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code command} in {@code workingDir}, copying its output to {@code out} and {@code err}. */
    public static BenchProcess start(List<String> command, Path workingDir, PrintWriter out, PrintWriter err)
            throws IOException {
        Process p = new ProcessBuilder(command).directory(workingDir.toFile()).start();
        p.getOutputStream().close();
        List<Thread> pumps = List.of(pump(p.getInputStream(), out, "stdout"), pump(p.getErrorStream(), err, "stderr"));
        return new BenchProcess(p, pumps);
    }

    /** Waits for the benchmark to end and for its output to be copied; returns its exit code. */
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        for (Thread pump : pumps) {
            // A grandchild may still hold the pipe open; its output is not worth waiting for past this.
            pump.join(TimeUnit.SECONDS.toMillis(5));
        }
        return code;
    }

    /** Ends the benchmark and everything it started: SIGTERM to all, SIGKILL to what is left after the grace time. */
    public void stop() {
        // Taken before the child dies: afterwards its children are orphans no longer listed under it.
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (ProcessHandle h : tree) {
                while (h.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The child's process, for its pid and state. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    private static Thread pump(InputStream from, PrintWriter to, String name) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = r.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ended) {
                // The child is gone; what it wrote has been copied.
            }
        }, "logline-bench-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
