package dev.logline.store.columnar;

import dev.logline.query.LqlParser;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a store process ({@code kill -9}) mid-ingest, again and again — with parts flushed every 40 ms and merged
 * all the time, so kills land in flushes and merges too — then checks that every acknowledged event is stored exactly
 * once. Rounds: 20, or {@code -Dlogline.crash.rounds=N}.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
        int rounds = Integer.getInteger("logline.crash.rounds", 20);
        Path data = dir.resolve("data");
        Path acks = dir.resolve("acks.txt");
        Random random = new Random();
        int merges = 0;
        for (int round = 0; round < rounds; round++) {
            Process child = startChild(data, acks, round * 10_000_000L);
            try {
                long ackedBefore = countLines(acks);
                // Kill only once this round has acknowledged something, then at a random moment after.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (countLines(acks) < ackedBefore + 20 && System.nanoTime() < deadline && child.isAlive()) {
                    Thread.sleep(20);
                }
                assertThat(child.isAlive()).as("child alive; see %s", dir.resolve("child.log")).isTrue();
                Thread.sleep(random.nextInt(600));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            merges += mergedParts(data);
        }

        Set<Long> acked = readAcks(acks);
        assertThat(acked).isNotEmpty();
        assertThat(merges).as("parts that merges replaced, seen over the rounds").isGreaterThan(0);
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data))) {
            Map<Long, Integer> stored = new HashMap<>();
            String cursor = null;
            long now = dev.logline.core.LogEvent.toMicros(java.time.Instant.now());
            do {
                SearchResult page = store.search(new SearchRequest("crash", LqlParser.parse("*"),
                        now - 86_400_000_000L, now + 60_000_000L, 5000, cursor, Duration.ofSeconds(60)));
                for (StoredEvent e : page.events()) {
                    stored.merge((Long) e.event().attribute("n"), 1, Integer::sum);
                }
                cursor = page.nextCursor();
            } while (cursor != null);

            // A set difference, not AssertJ's containsAll, which scans the actual collection once per expected
            // element: with a few hundred thousand acknowledged events that took minutes.
            Set<Long> missing = new HashSet<>(acked);
            missing.removeAll(stored.keySet());
            assertThat(missing).as("acknowledged events not found after the kills").isEmpty();
            assertThat(stored.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicates").isEmpty();
            assertThat(store.health().corruptParts()).isZero();
        }
    }

    /** How many part files merged parts in the folder say they replaced (a sign merges ran). */
    private static int mergedParts(Path data) throws Exception {
        Path tenant = data.resolve("tenants").resolve("crash");
        if (!Files.isDirectory(tenant)) {
            return 0;
        }
        int replaced = 0;
        try (Stream<Path> s = Files.walk(tenant)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                try {
                    var part = dev.logline.store.columnar.part.Part.open(f,
                            dev.logline.store.columnar.part.PartAccess.plain(0));
                    replaced += part.index().replaces().length;
                    part.retire(false);
                } catch (Exception e) {
                    // a part deleted while we looked
                }
            }
        }
        return replaced;
    }

    private Process startChild(Path data, Path acks, long firstNumber) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashTestWriter.class.getName(), data.toString(), acks.toString(), Long.toString(firstNumber));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile()));
        return pb.start();
    }

    private static long countLines(Path acks) throws Exception {
        if (!Files.exists(acks)) {
            return 0;
        }
        byte[] data = Files.readAllBytes(acks);
        long lines = 0;
        for (byte b : data) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static Set<Long> readAcks(Path acks) throws Exception {
        String text = new String(Files.readAllBytes(acks), StandardCharsets.UTF_8);
        Set<Long> out = new HashSet<>();
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            out.add(Long.parseLong(line.trim()));
        }
        return out;
    }
}
