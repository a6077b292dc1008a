package dev.logline.store.columnar;

import dev.logline.core.crypto.EncryptionKeys;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every setting of the embedded column store, with the defaults docs/CONFIG.md documents
 * ({@link #defaults(Path)}); {@link #toBuilder()} changes some.
 *
 * @param dataDir           root folder: {@code wal/} and {@code tenants/<tenant>/<yyyy-MM-dd>/} live under it
 * @param flushInterval     events are written into a part (searchable) at least this often; default 1 s
 * @param flushBytes        or as soon as the unflushed events hold this many bytes; default 16 MiB
 * @param maxPendingBytes   writes fail with BackpressureException while more unflushed bytes wait; default 64 MiB
 * @param walSegmentBytes   a WAL segment rolls over past this size; default 64 MiB
 * @param acceptPast        events older than now minus this are rejected; default 30 days
 * @param acceptFuture      events newer than now plus this are rejected; default 1 day
 * @param retentionDays     whole days older than this are dropped (0 keeps forever); default 30
 * @param retentionMaxBytes oldest days are dropped while the store holds more than this (0 = no cap); default 0
 * @param retentionInterval how often retention runs (it also runs at startup); default 1 h
 * @param retentionRules    finer rules: events matching an LQL filter are kept fewer days; default none
 * @param idleCloseAfter    a partition untouched this long is closed (its index leaves memory); default 5 min
 * @param blockRows         rows a block holds at most; default 1024
 * @param flushZstdLevel    zstd level of parts written from memory; default 1 (fast: they are merged soon)
 * @param mergeZstdLevel    zstd level of merged parts; default 3
 * @param mergeThreads      parts merged at the same time at most; default 1
 * @param bloomCacheBytes   bloom filters kept in memory at most; default 64 MiB
 * @param partialCacheBytes stats/timechart results of whole parts kept for reuse at most (0: none); default 16 MiB
 * @param minFreeDiskBytes  writes are refused (StoreFullException) while the data disk has less free; default 256 MiB
 * @param encryptionKeys    when set, everything written to disk is sealed with the active key (AES-256-GCM) and data
 *                          sealed with any of them opens; null (the default) writes plain files
 */
public record ColumnarStoreConfig(Path dataDir, Duration flushInterval, long flushBytes, long maxPendingBytes,
                                  long walSegmentBytes, Duration acceptPast, Duration acceptFuture, int retentionDays,
                                  long retentionMaxBytes, Duration retentionInterval, List<RetentionRule> retentionRules,
                                  Duration idleCloseAfter, int blockRows, int flushZstdLevel, int mergeZstdLevel,
                                  int mergeThreads, long bloomCacheBytes, long partialCacheBytes, long minFreeDiskBytes,
                                  EncryptionKeys encryptionKeys) {

    public ColumnarStoreConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        positive(flushInterval, "flushInterval");
        positive(acceptPast, "acceptPast");
        positive(acceptFuture, "acceptFuture");
        positive(retentionInterval, "retentionInterval");
        positive(idleCloseAfter, "idleCloseAfter");
        if (flushBytes <= 0 || maxPendingBytes < flushBytes || walSegmentBytes < 4096) {
            throw new IllegalArgumentException("flushBytes must be positive, maxPendingBytes at least flushBytes, "
                    + "walSegmentBytes at least 4096");
        }
        if (retentionDays < 0 || retentionMaxBytes < 0 || minFreeDiskBytes < 0 || bloomCacheBytes < 0
                || partialCacheBytes < 0) {
            throw new IllegalArgumentException("retentionDays, retentionMaxBytes, minFreeDiskBytes, bloomCacheBytes "
                    + "and partialCacheBytes must not be negative");
        }
        if (blockRows < 1 || blockRows > 65_536) {
            throw new IllegalArgumentException("blockRows must be within 1..65536, was " + blockRows);
        }
        if (flushZstdLevel < 1 || flushZstdLevel > 19 || mergeZstdLevel < 1 || mergeZstdLevel > 19) {
            throw new IllegalArgumentException("zstd levels must be within 1..19");
        }
        if (mergeThreads < 1) {
            throw new IllegalArgumentException("mergeThreads must be at least 1, was " + mergeThreads);
        }
        retentionRules = List.copyOf(retentionRules);
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
        }
    }

    /** The defaults documented in docs/CONFIG.md (Store section). */
    public static ColumnarStoreConfig defaults(Path dataDir) {
        return new ColumnarStoreConfig(dataDir, Duration.ofSeconds(1), 16L << 20, 64L << 20, 64L << 20,
                Duration.ofDays(30), Duration.ofDays(1), 30, 0, Duration.ofHours(1), List.of(), Duration.ofMinutes(5),
                1024, 1, 3, 1, 64L << 20, 16L << 20, 256L << 20, null);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config; {@link #build()} checks them all. */
    public static final class Builder {
        private Path dataDir;
        private Duration flushInterval;
        private long flushBytes;
        private long maxPendingBytes;
        private long walSegmentBytes;
        private Duration acceptPast;
        private Duration acceptFuture;
        private int retentionDays;
        private long retentionMaxBytes;
        private Duration retentionInterval;
        private List<RetentionRule> retentionRules;
        private Duration idleCloseAfter;
        private int blockRows;
        private int flushZstdLevel;
        private int mergeZstdLevel;
        private int mergeThreads;
        private long bloomCacheBytes;
        private long partialCacheBytes;
        private long minFreeDiskBytes;
        private EncryptionKeys encryptionKeys;

        private Builder(ColumnarStoreConfig c) {
            dataDir = c.dataDir;
            flushInterval = c.flushInterval;
            flushBytes = c.flushBytes;
            maxPendingBytes = c.maxPendingBytes;
            walSegmentBytes = c.walSegmentBytes;
            acceptPast = c.acceptPast;
            acceptFuture = c.acceptFuture;
            retentionDays = c.retentionDays;
            retentionMaxBytes = c.retentionMaxBytes;
            retentionInterval = c.retentionInterval;
            retentionRules = c.retentionRules;
            idleCloseAfter = c.idleCloseAfter;
            blockRows = c.blockRows;
            flushZstdLevel = c.flushZstdLevel;
            mergeZstdLevel = c.mergeZstdLevel;
            mergeThreads = c.mergeThreads;
            bloomCacheBytes = c.bloomCacheBytes;
            partialCacheBytes = c.partialCacheBytes;
            minFreeDiskBytes = c.minFreeDiskBytes;
            encryptionKeys = c.encryptionKeys;
        }

        public Builder flushInterval(Duration v) { flushInterval = v; return this; }
        public Builder flushBytes(long v) { flushBytes = v; return this; }
        public Builder maxPendingBytes(long v) { maxPendingBytes = v; return this; }
        public Builder walSegmentBytes(long v) { walSegmentBytes = v; return this; }
        public Builder acceptPast(Duration v) { acceptPast = v; return this; }
        public Builder acceptFuture(Duration v) { acceptFuture = v; return this; }
        public Builder retentionDays(int v) { retentionDays = v; return this; }
        public Builder retentionMaxBytes(long v) { retentionMaxBytes = v; return this; }
        public Builder retentionInterval(Duration v) { retentionInterval = v; return this; }
        public Builder retentionRules(List<RetentionRule> v) { retentionRules = v; return this; }
        public Builder idleCloseAfter(Duration v) { idleCloseAfter = v; return this; }
        public Builder blockRows(int v) { blockRows = v; return this; }
        public Builder flushZstdLevel(int v) { flushZstdLevel = v; return this; }
        public Builder mergeZstdLevel(int v) { mergeZstdLevel = v; return this; }
        public Builder mergeThreads(int v) { mergeThreads = v; return this; }
        public Builder bloomCacheBytes(long v) { bloomCacheBytes = v; return this; }
        public Builder partialCacheBytes(long v) { partialCacheBytes = v; return this; }
        public Builder minFreeDiskBytes(long v) { minFreeDiskBytes = v; return this; }
        public Builder encryptionKeys(EncryptionKeys v) { encryptionKeys = v; return this; }

        public ColumnarStoreConfig build() {
            return new ColumnarStoreConfig(dataDir, flushInterval, flushBytes, maxPendingBytes, walSegmentBytes,
                    acceptPast, acceptFuture, retentionDays, retentionMaxBytes, retentionInterval, retentionRules,
                    idleCloseAfter, blockRows, flushZstdLevel, mergeZstdLevel, mergeThreads, bloomCacheBytes,
                    partialCacheBytes, minFreeDiskBytes, encryptionKeys);
        }
    }
}
