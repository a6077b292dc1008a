package dev.logline.store.columnar.part;

import dev.logline.store.columnar.encoding.AtRestEncryption;

import java.util.Objects;

/**
 * What reading and writing parts needs besides the files themselves: the bloom filter cache all parts share, and the
 * encryption their bytes are sealed with.
 *
 * @lucene.internal
 */
public record PartAccess(BloomCache blooms, AtRestEncryption encryption) {

    public PartAccess {
        Objects.requireNonNull(blooms, "blooms");
        Objects.requireNonNull(encryption, "encryption");
    }

    /** A cache of {@code bloomCacheBytes}, no encryption: for tests and tools. */
    public static PartAccess plain(long bloomCacheBytes) {
        return new PartAccess(new BloomCache(bloomCacheBytes), AtRestEncryption.NONE);
    }
}
