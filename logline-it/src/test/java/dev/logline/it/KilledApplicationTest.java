package dev.logline.it;

import dev.logline.core.LogEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application is killed with SIGKILL (no shutdown hook, no flush) while it logs into its spool with the server
 * down; after the server and then the application come back, what the killed process had spooled arrives exactly
 * once, in each thread's order. The guarantee (docs/SHIPPING.md, "A killed process"): every spool write is flushed
 * to the operating system before the logging call returns, so a process kill loses at most the events that were
 * still only in memory — the queue ({@code queueSize}) and a batch being tried for the first time
 * ({@code batchSize}).
 */
class KilledApplicationTest {

    private static final int WORKERS = 2;
    /** Returned logging calls per worker the test waits for before the kill. */
    private static final int BEFORE_KILL = 2_000;

    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void whatTheKilledProcessSpooledArrivesExactlyOnceAsAPrefixOfEachThread() throws Exception {
        long[] returned = logUntilKilled(closedPortUrl());

        try (RunningServer server = RunningServer.start(data)) {
            Process replay = child("replay", server.url(), spool.toString());
            List<String> output = new ArrayList<>();
            Thread reader = drain(replay, output::add);
            assertThat(replay.waitFor(30, TimeUnit.SECONDS)).as("the replaying process ended").isTrue();
            reader.join(5_000);
            assertThat(replay.exitValue()).as("%s", output).isZero();
            assertThat(output).anyMatch(l -> l.startsWith("replayed"));
            System.out.println("killed after " + java.util.Arrays.toString(returned) + " returned calls; " + output);

            List<LogEvent> arrived = server.arrivals();
            Map<Long, List<Long>> byWorker = Deliveries.seqByWorker(arrived);
            long lostBound = ShippingProcess.QUEUE_SIZE + ShippingProcess.BATCH_SIZE;
            long total = 0;
            for (int w = 0; w < WORKERS; w++) {
                List<Long> seqs = byWorker.getOrDefault((long) w, List.of());
                // a prefix: 0, 1, 2, … with no gap, no duplicate and no reordering
                for (int i = 0; i < seqs.size(); i++) {
                    if (seqs.get(i) != i) {
                        throw new AssertionError("worker " + w + ": position " + i + " holds seq " + seqs.get(i));
                    }
                }
                assertThat((long) seqs.size()).as("worker %d: arrived vs. calls seen returning (%d)", w, returned[w])
                        .isGreaterThanOrEqualTo(returned[w] - lostBound);
                total += seqs.size();
            }
            assertThat(byWorker.keySet()).allMatch(w -> w >= 0 && w < WORKERS);
            assertThat(arrived).hasSize((int) total);
            assertThat(arrived).allMatch(e -> "it-shop".equals(e.service()) && e.msg().startsWith("step "));
            Thread.sleep(300); // nothing more (a second delivery) should follow
            assertThat(server.arrivals()).hasSize((int) total);
        }
    }

    /** Runs the logging child against a server that is down and kills it mid-stream; per worker, the calls seen returning. */
    private long[] logUntilKilled(String downUrl) throws Exception {
        Process child = child("log", downUrl, spool.toString(), String.valueOf(WORKERS));
        Map<Integer, AtomicLong> seen = new ConcurrentHashMap<>();
        for (int w = 0; w < WORKERS; w++) {
            seen.put(w, new AtomicLong());
        }
        List<String> other = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = drain(child, line -> {
            if (line.startsWith("logged ")) {
                String[] parts = line.split(" ");
                seen.get(Integer.parseInt(parts[1])).set(Long.parseLong(parts[2]) + 1);
            } else if (other.size() < 50) {
                other.add(line);
            }
        });
        try {
            boolean enough = RunningServer.await(() -> seen.values().stream().allMatch(n -> n.get() >= BEFORE_KILL),
                    Duration.ofSeconds(20));
            assertThat(enough).as("the child logged %s; it said %s", seen, other).isTrue();
            assertThat(child.isAlive()).as("killed mid-stream, not after it finished").isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(5_000);
        long[] out = new long[WORKERS];
        for (int w = 0; w < WORKERS; w++) {
            out[w] = seen.get(w).get();
        }
        return out;
    }

    private static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), ShippingProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Reads the child's output on a thread, so its pipe never fills and blocks it. */
    private static Thread drain(Process p, java.util.function.Consumer<String> onLine) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException ignored) {
                // the child was killed: its pipe closes
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A loopback URL where nothing listens: connections are refused at once, as with a server that is down. */
    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }
}
