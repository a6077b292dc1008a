package dev.logline.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A system under test in its own JVM, so its CPU time is its own ({@link ProcessHandle}) and its libraries cannot
 * clash with ours. Speaks a line protocol: we write commands to its stdin, it answers on stdout; all its output
 * is also copied to a log file. {@link #close()} ends the process (destroy, then destroyForcibly).
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final PrintWriter stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread pump;

    private ChildJvm(String name, Process process, Path log) throws IOException {
        this.name = name;
        this.process = process;
        this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        PrintWriter logFile = new PrintWriter(java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    logFile.println(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // The process ended; whoever waits for a line times out with the log file's name.
            } finally {
                logFile.close();
            }
        }, name + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java [jvmArgs] -cp classpath mainClass [args]}, stderr merged into stdout and the log. */
    static ChildJvm start(String name, String classpath, List<String> jvmArgs, String mainClass, List<String> args,
                          Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            return new ChildJvm(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits for a stdout line that matches, skipping others; fails when the process ends or time runs out. */
    String await(Predicate<String> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + " while waiting for "
                            + what + "; see its log");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(name + " did not report " + what + " within " + timeout + "; see its log");
    }

    /** Sends one command line to the process. */
    void send(String command) {
        stdin.println(command);
    }

    /** CPU time (user + system) the process has used so far. */
    /**
     * The process's peak resident set so far (Linux {@code VmHWM}): heap, code, threads and any mapped file pages it
     * touched; -1 where /proc does not tell.
     */
    long peakRssBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", String.valueOf(
                    process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS does not report CPU time of " + name));
    }

    /** Ends the process now (SIGTERM, so its shutdown hooks run), forcibly after a grace time. */
    void terminate() {
        stdin.close();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Asks the process to stop by closing its stdin, then ends it if it is still running after the grace time. */
    @Override
    public void close() {
        stdin.close();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            // The last lines (e.g. STOPPED) reach the log file once the pump has read to the end.
            pump.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
