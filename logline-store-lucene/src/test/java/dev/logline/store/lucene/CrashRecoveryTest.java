package dev.logline.store.lucene;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a store process ({@code kill -9}) mid-ingest, again and again, then checks that every acknowledged event is
 * stored exactly once. Rounds: 3, or {@code -Dlogline.crash.rounds=20} for the nightly/bench profile.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventSurvivesKillNineExactlyOnce() throws Exception {
        int rounds = Integer.getInteger("logline.crash.rounds", 3);
        // Load the query classes now: a sibling module may reinstall its jar while the rounds run.
        dev.logline.query.Query all = LqlParser.parse("*");
        FilterTranslator.translate(all.filter());
        Path data = dir.resolve("data");
        Path acks = dir.resolve("acks.txt");
        Random random = new Random();
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
                Thread.sleep(random.nextInt(400));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }

        Set<Long> acked = readAcks(acks);
        assertThat(acked).isNotEmpty();
        try (LuceneLogStore store = LuceneLogStore.open(LuceneStoreConfig.defaults(data))) {
            Map<Long, Integer> stored = new HashMap<>();
            String cursor = null;
            long now = dev.logline.core.LogEvent.toMicros(java.time.Instant.now());
            do {
                SearchResult page = store.search(new SearchRequest("crash", all, now - 86_400_000_000L,
                        now + 60_000_000L, 5000, cursor, Duration.ofSeconds(60)));
                for (StoredEvent e : page.events()) {
                    stored.merge((Long) e.event().attribute("n"), 1, Integer::sum);
                }
                cursor = page.nextCursor();
            } while (cursor != null);

            assertThat(stored.keySet()).containsAll(acked);
            assertThat(stored.entrySet()).filteredOn(e -> e.getValue() > 1).as("duplicates").isEmpty();
        }
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
