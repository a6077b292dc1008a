package dev.logline.it;

import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on what reached the store, by the {@code worker} and {@code seq} key-values the tests log. */
final class Deliveries {

    private Deliveries() {
    }

    static long worker(LogEvent e) {
        return ((Number) e.attribute("worker")).longValue();
    }

    static long seq(LogEvent e) {
        return ((Number) e.attribute("seq")).longValue();
    }

    /** Per worker, the seq numbers in the order they arrived. */
    static Map<Long, List<Long>> seqByWorker(List<LogEvent> events) {
        Map<Long, List<Long>> out = new HashMap<>();
        for (LogEvent e : events) {
            out.computeIfAbsent(worker(e), w -> new ArrayList<>()).add(seq(e));
        }
        return out;
    }

    /**
     * The first arrival of each (worker, seq): a request cut by a server stop may have been stored without its
     * answer reaching the appender, which then sends it again (at-least-once).
     */
    static List<LogEvent> firstArrivals(List<LogEvent> arrivals) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<LogEvent> out = new ArrayList<>();
        for (LogEvent e : arrivals) {
            if (seen.add(worker(e) + "/" + seq(e))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every worker's events 0..perWorker-1 arrived exactly once, and in the order the worker logged them. */
    static void assertExactlyOnceInOrder(List<LogEvent> arrivals, int workers, int perWorker) {
        Map<Long, List<Long>> byWorker = seqByWorker(arrivals);
        assertThat(byWorker).hasSize(workers);
        for (Map.Entry<Long, List<Long>> w : byWorker.entrySet()) {
            List<Long> seqs = w.getValue();
            assertThat(seqs).as("worker %d", w.getKey()).hasSize(perWorker);
            for (int i = 0; i < perWorker; i++) {
                if (seqs.get(i) != i) {
                    throw new AssertionError("worker " + w.getKey() + ": position " + i + " holds seq " + seqs.get(i)
                            + " (neighbourhood " + seqs.subList(Math.max(0, i - 3), Math.min(perWorker, i + 3)) + ")");
                }
            }
        }
    }
}
