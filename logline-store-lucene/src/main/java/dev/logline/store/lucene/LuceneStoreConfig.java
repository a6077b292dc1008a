package dev.logline.store.lucene;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the embedded store, with documented defaults ({@link #defaults(Path)}); change one with the
 * {@code with…} methods, which return a new config.
 *
 * @param dataDir            root folder: {@code wal/} and {@code tenants/<tenant>/<yyyy-MM-dd>/} live under it
 * @param refreshInterval    how often new events are made searchable (near-real-time refresh); default 500 ms
 * @param commitInterval     how often every open partition is committed and the WAL trimmed; default 10 s
 * @param commitEveryEvents  also commit once this many events were indexed since the last commit; default 200,000
 * @param idleCloseAfter     a partition untouched this long is committed and closed; default 5 min
 * @param walSegmentBytes    a WAL segment rolls over past this size; default 64 MiB
 * @param maxPendingEvents   writes fail with BackpressureException while more events wait to be indexed; default 200,000
 * @param acceptPast         events older than now minus this are rejected; default 30 days
 * @param acceptFuture       events newer than now plus this are rejected; default 1 day
 * @param retentionDays      whole days older than this are dropped (0 keeps forever); default 30
 * @param retentionMaxBytes  oldest days are dropped while the store holds more than this (0 = no cap); default 0
 * @param retentionInterval  how often retention runs (it also runs at startup); default 1 h
 * @param retentionRules     finer rules: events matching an LQL filter are kept fewer days; default none
 * @param indexThreads       threads adding events to partitions; default min(4, available processors)
 */
public record LuceneStoreConfig(Path dataDir, Duration refreshInterval, Duration commitInterval, long commitEveryEvents,
                                Duration idleCloseAfter, long walSegmentBytes, long maxPendingEvents,
                                Duration acceptPast, Duration acceptFuture, int retentionDays, long retentionMaxBytes,
                                Duration retentionInterval, List<RetentionRule> retentionRules, int indexThreads) {

    public LuceneStoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        requirePositive(refreshInterval, "refreshInterval");
        requirePositive(commitInterval, "commitInterval");
        requirePositive(idleCloseAfter, "idleCloseAfter");
        requirePositive(acceptPast, "acceptPast");
        requirePositive(acceptFuture, "acceptFuture");
        requirePositive(retentionInterval, "retentionInterval");
        if (commitEveryEvents <= 0 || walSegmentBytes < 4096 || maxPendingEvents <= 0 || retentionDays < 0
                || retentionMaxBytes < 0) {
            throw new IllegalArgumentException("commitEveryEvents and maxPendingEvents must be positive, "
                    + "walSegmentBytes at least 4096, retentionDays and retentionMaxBytes not negative");
        }
        retentionRules = List.copyOf(retentionRules);
        if (indexThreads < 1) {
            throw new IllegalArgumentException("indexThreads must be at least 1, was " + indexThreads);
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    /** The defaults documented in docs/CONFIG.md (Store section). */
    public static LuceneStoreConfig defaults(Path dataDir) {
        return new LuceneStoreConfig(dataDir, Duration.ofMillis(500), Duration.ofSeconds(10), 200_000,
                Duration.ofMinutes(5), 64L << 20, 200_000, Duration.ofDays(30), Duration.ofDays(1), 30, 0,
                Duration.ofHours(1), List.of(), Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    public LuceneStoreConfig withRefreshInterval(Duration v) {
        return new LuceneStoreConfig(dataDir, v, commitInterval, commitEveryEvents, idleCloseAfter, walSegmentBytes,
                maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withCommitInterval(Duration v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, v, commitEveryEvents, idleCloseAfter, walSegmentBytes,
                maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withCommitEveryEvents(long v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, v, idleCloseAfter, walSegmentBytes,
                maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withIdleCloseAfter(Duration v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, v, walSegmentBytes,
                maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withWalSegmentBytes(long v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter, v,
                maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withMaxPendingEvents(long v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, v, acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval,
                retentionRules, indexThreads);
    }

    public LuceneStoreConfig withAcceptPast(Duration v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, v, acceptFuture, retentionDays, retentionMaxBytes,
                retentionInterval, retentionRules, indexThreads);
    }

    public LuceneStoreConfig withAcceptFuture(Duration v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, v, retentionDays, retentionMaxBytes,
                retentionInterval, retentionRules, indexThreads);
    }

    public LuceneStoreConfig withRetentionDays(int v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, acceptFuture, v, retentionMaxBytes,
                retentionInterval, retentionRules, indexThreads);
    }

    public LuceneStoreConfig withRetentionMaxBytes(long v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, acceptFuture, retentionDays, v,
                retentionInterval, retentionRules, indexThreads);
    }

    public LuceneStoreConfig withRetentionInterval(Duration v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes,
                v, retentionRules, indexThreads);
    }

    public LuceneStoreConfig withRetentionRules(List<RetentionRule> v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes,
                retentionInterval, v, indexThreads);
    }

    public LuceneStoreConfig withIndexThreads(int v) {
        return new LuceneStoreConfig(dataDir, refreshInterval, commitInterval, commitEveryEvents, idleCloseAfter,
                walSegmentBytes, maxPendingEvents, acceptPast, acceptFuture, retentionDays, retentionMaxBytes,
                retentionInterval, retentionRules, v);
    }
}
