package dev.logline.store.columnar.partition;

import dev.logline.core.LogEvent;
import dev.logline.store.columnar.ColumnarStoreConfig;
import dev.logline.store.columnar.RetentionRule;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.query.BlockRows;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the store keeps: whole days by age ({@code retentionDays}), oldest days while over {@code retentionMaxBytes}
 * (never today), and {@link RetentionRule}s, applied by rewriting each part that holds matching rows older than the
 * rule allows (a merge of the part with itself, minus those rows).
 */
public final class RetentionPolicy {

    private static final System.Logger LOG = System.getLogger(RetentionPolicy.class.getName());
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final ColumnarStoreConfig config;
    private final PartitionTable table;

    public RetentionPolicy(ColumnarStoreConfig config, PartitionTable table) {
        this.config = config;
        this.table = table;
    }

    /** The oldest day age-based retention keeps ({@link LocalDate#MIN} when it keeps everything). */
    public LocalDate oldestKeptDay() {
        if (config.retentionDays() == 0) {
            return LocalDate.MIN;
        }
        return LocalDate.now(ZoneOffset.UTC).minusDays(config.retentionDays() - 1L);
    }

    /** Drops and deletes what the policy no longer keeps; rules rewrite parts with {@code merger}. */
    public synchronized void apply(PartMerger merger) {
        dropOldDays();
        dropDaysOverSize();
        applyRules(merger);
    }

    private void dropOldDays() {
        LocalDate oldest = oldestKeptDay();
        for (PartitionKey key : table.existing(null, LocalDate.MIN, LocalDate.MAX)) {
            if (key.day().isBefore(oldest)) {
                table.drop(key, "older than " + config.retentionDays() + " days");
            }
        }
    }

    private void dropDaysOverSize() {
        if (config.retentionMaxBytes() <= 0) {
            return;
        }
        TreeMap<LocalDate, List<PartitionKey>> byDay = new TreeMap<>();
        long total = 0;
        for (PartitionKey key : table.existing(null, LocalDate.MIN, LocalDate.MAX)) {
            byDay.computeIfAbsent(key.day(), d -> new ArrayList<>()).add(key);
            total += table.sizeOnDisk(key);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        while (total > config.retentionMaxBytes() && !byDay.isEmpty() && byDay.firstKey().isBefore(today)) {
            for (PartitionKey key : byDay.pollFirstEntry().getValue()) {
                total -= table.sizeOnDisk(key);
                table.drop(key, "the store holds more than " + config.retentionMaxBytes() + " bytes");
            }
        }
    }

    private void applyRules(PartMerger merger) {
        long now = LogEvent.toMicros(Instant.now());
        for (RetentionRule rule : config.retentionRules()) {
            long before = now - rule.days() * MICROS_PER_DAY;
            for (PartitionKey key : table.existing(null, LocalDate.MIN, PartitionKey.dayOf(before))) {
                DayPartition p = table.acquire(key, false);
                if (p == null) {
                    continue;
                }
                try {
                    for (Part part : p.mergeable()) {
                        if (part.index().minTs() < before && holdsMatches(part, rule, before)) {
                            rewrite(p, part, rule, before, merger);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "retention rule on " + p.path() + " failed", e);
                } finally {
                    p.release();
                }
            }
        }
    }

    private static boolean holdsMatches(Part part, RetentionRule rule, long before) {
        if (!part.acquire()) {
            return false;
        }
        try {
            for (int b = 0; b < part.index().blockCount(); b++) {
                if (BlockRows.matchingBefore(rule.filter(), new BlockReader(part, b), before) != null) {
                    return true;
                }
            }
            return false;
        } finally {
            part.release();
        }
    }

    private static void rewrite(DayPartition p, Part part, RetentionRule rule, long before, PartMerger merger)
            throws IOException {
        List<Part> one = List.of(part);
        if (!part.acquire()) {
            return;
        }
        if (!p.claimForMerge(one)) {
            part.release();
            return;
        }
        try {
            Part rewritten = merger.merge(p, one, block -> {
                long[] drop = BlockRows.matchingBefore(rule.filter(), block, before);
                return drop == null || Bits.isEmpty(drop) ? null : drop;
            });
            if (!p.replace(one, rewritten) && rewritten != null) {
                rewritten.retire(true);
            }
        } finally {
            p.unclaim(one);
            part.release();
        }
    }
}
