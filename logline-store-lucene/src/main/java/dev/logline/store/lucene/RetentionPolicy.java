package dev.logline.store.lucene;

import dev.logline.core.LogEvent;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the store keeps: whole days by age ({@code retentionDays}), oldest days while over {@code retentionMaxBytes}
 * (never today), and {@link RetentionRule}s that delete matching events inside older days.
 */
final class RetentionPolicy {

    private static final System.Logger LOG = System.getLogger(RetentionPolicy.class.getName());
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final LuceneStoreConfig config;
    private final PartitionTable table;

    RetentionPolicy(LuceneStoreConfig config, PartitionTable table) {
        this.config = config;
        this.table = table;
    }

    /** The oldest day age-based retention keeps ({@link LocalDate#MIN} when it keeps everything). */
    LocalDate oldestKeptDay() {
        if (config.retentionDays() == 0) {
            return LocalDate.MIN;
        }
        return LocalDate.now(ZoneOffset.UTC).minusDays(config.retentionDays() - 1L);
    }

    /** Drops and deletes what the policy no longer keeps. */
    synchronized void apply() {
        dropOldDays();
        dropDaysOverSize();
        applyRules();
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
            total += DayPartition.sizeOnDisk(table.pathOf(key));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        while (total > config.retentionMaxBytes() && !byDay.isEmpty() && byDay.firstKey().isBefore(today)) {
            for (PartitionKey key : byDay.pollFirstEntry().getValue()) {
                total -= DayPartition.sizeOnDisk(table.pathOf(key));
                table.drop(key, "the store holds more than " + config.retentionMaxBytes() + " bytes");
            }
        }
    }

    private void applyRules() {
        long now = LogEvent.toMicros(Instant.now());
        for (RetentionRule rule : config.retentionRules()) {
            long before = now - rule.days() * MICROS_PER_DAY;
            Query q = new BooleanQuery.Builder()
                    .add(FilterTranslator.translate(rule.filter()), BooleanClause.Occur.FILTER)
                    .add(LongPoint.newRangeQuery(IndexFields.TS, Long.MIN_VALUE, before - 1), BooleanClause.Occur.FILTER)
                    .build();
            for (PartitionKey key : table.existing(null, LocalDate.MIN, PartitionKey.dayOf(before))) {
                DayPartition p = table.acquire(key, false);
                if (p == null) {
                    continue;
                }
                try {
                    p.deleteMatching(q);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "retention rule on " + p.path + " failed", e);
                } finally {
                    p.release();
                }
            }
        }
    }
}
