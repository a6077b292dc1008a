package dev.logline.store.columnar.part;

import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.AtRestEncryption.Purpose;
import dev.logline.store.columnar.encoding.BloomFilter;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.CorruptDataException;
import dev.logline.store.columnar.encoding.ZstdChunks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One immutable part file, open for reading: its {@link PartIndex} in memory, chunks and bloom filters read on demand
 * with positional reads (checksums checked on every read), decoded columns handed out per block.
 *
 * <p>Lifecycle: {@link #open} holds one reference for its owner (the partition). Readers {@link #acquire()} before use
 * and {@link #release()} after; the owner calls {@link #retire} when the part leaves service (merged away, dropped),
 * and the file is closed — and deleted if asked — when the last reference goes.
 *
 * @lucene.internal
 */
public final class Part {

    private static final ConcurrentLinkedQueue<ZstdChunks> DECOMPRESSORS = new ConcurrentLinkedQueue<>();
    private static final AtomicLong OPENED = new AtomicLong();

    private final Path path;
    /** Unique among the parts this process opened: a path may name another part after its day was dropped. */
    private final long openSerial = OPENED.incrementAndGet();
    private final FileChannel channel;
    private final PartIndex index;
    private final long sizeBytes;
    private final BloomCache blooms;
    private final AtRestEncryption encryption;
    /** Whether the index was sealed, and with it every bloom section (see {@link PartWriter}). */
    private final boolean sealed;
    private final AtomicInteger refs = new AtomicInteger(1);
    /** Per key id, lazily: the column index of that key in each block (-1: absent). */
    private final int[][] columnsByKey;
    /** Per key id, lazily: each block's bloom of that key as (offset in the key's section << 32 | length), or -1. */
    private final long[][] bloomsByKey;
    /** Per key id, lazily: per group, whether every block of it holding a value of the key keeps a filter of it. */
    private final boolean[][] groupsFilteredByKey;
    private volatile boolean deleteWhenClosed;

    private Part(Path path, FileChannel channel, PartIndex index, long sizeBytes, PartAccess access, boolean sealed) {
        this.path = path;
        this.channel = channel;
        this.index = index;
        this.sizeBytes = sizeBytes;
        this.blooms = access.blooms();
        this.encryption = access.encryption();
        this.sealed = sealed;
        this.columnsByKey = new int[index.keys.length][];
        this.bloomsByKey = new long[index.keys.length][];
        this.groupsFilteredByKey = new boolean[index.keys.length][];
    }

    /**
     * Opens a published part file, checking its footer and index.
     *
     * @throws CorruptPartException when the file is damaged
     * @throws dev.logline.store.columnar.encoding.StoreKeyException when it is sealed with a key {@code access} lacks
     */
    public static Part open(Path path, PartAccess access) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        boolean success = false;
        try {
            long size = ch.size();
            if (size < 8 + PartWriter.FOOTER_BYTES) {
                throw new CorruptPartException(path, "file of " + size + " bytes is too short", null);
            }
            ByteReader header = new ByteReader(read(ch, path, 0, 8));
            ByteReader footer = new ByteReader(read(ch, path, size - PartWriter.FOOTER_BYTES, PartWriter.FOOTER_BYTES));
            if (header.readLongLE() != PartFiles.MAGIC) {
                throw new CorruptPartException(path, "no part magic at the start", null);
            }
            long indexOffset = footer.readLongLE();
            int indexLength = footer.readIntLE();
            int indexCrc = footer.readIntLE();
            if (footer.readLongLE() != PartFiles.MAGIC) {
                throw new CorruptPartException(path, "no part magic at the end (a torn write?)", null);
            }
            if (indexOffset < 8 || indexLength <= 0 || indexOffset + indexLength != size - PartWriter.FOOTER_BYTES) {
                throw new CorruptPartException(path, "footer points outside the file", null);
            }
            byte[] stored = read(ch, path, indexOffset, indexLength);
            checkCrc(path, stored, indexCrc, "index");
            PartIndex index;
            boolean sealed = AtRestEncryption.isSealed(stored, 0, stored.length);
            ZstdChunks zstd = borrow();
            try {
                byte[] compressed = access.encryption().open(stored, 0, stored.length, Purpose.INDEX, "index of part " + path);
                index = PartIndex.read(zstd.decompress(compressed, 0, compressed.length), size);
            } catch (CorruptDataException e) {
                throw new CorruptPartException(path, "index does not decode: " + e.getMessage(), e);
            } catch (PartFormatException e) {
                throw new PartFormatException(path, e.version());
            } finally {
                DECOMPRESSORS.add(zstd);
            }
            success = true;
            return new Part(path, ch, index, size, access, sealed);
        } finally {
            if (!success) {
                ch.close();
            }
        }
    }

    /**
     * The id of the key a part file's index is sealed with, "" when it is plain, or null when the file is too
     * damaged to say (opening it will quarantine it). Reads the footer and a few bytes only.
     */
    public static String sealingKeyOf(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8 + PartWriter.FOOTER_BYTES) {
                return null;
            }
            ByteReader footer = new ByteReader(read(ch, path, size - PartWriter.FOOTER_BYTES, PartWriter.FOOTER_BYTES));
            long indexOffset = footer.readLongLE();
            int indexLength = footer.readIntLE();
            if (indexOffset < 8 || indexLength <= 0 || indexOffset + indexLength != size - PartWriter.FOOTER_BYTES) {
                return null;
            }
            byte[] head = read(ch, path, indexOffset, Math.min(indexLength, 24));
            if (!AtRestEncryption.isSealed(head, 0, head.length)) {
                return "";
            }
            return dev.logline.core.crypto.EncryptionKeys.keyIdOf(head, 0, head.length);
        }
    }

    private static byte[] read(FileChannel ch, Path path, long pos, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new CorruptPartException(path, "ends before offset " + (pos + len), null);
            }
        }
        return buf.array();
    }

    private static void checkCrc(Path path, byte[] b, int expected, String what) {
        checkCrc(path, b, 0, b.length, expected, what);
    }

    private static void checkCrc(Path path, byte[] b, int off, int len, int expected, String what) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        if ((int) crc.getValue() != expected) {
            throw new CorruptPartException(path, what + " checksum mismatch", null);
        }
    }

    /**
     * Every chunk of a block in one read (they lie back to back), for a reader about to decode most of its columns:
     * one system call instead of one per column. Returns {@code [start offset as 8 bytes LE][bytes]}, or null when
     * the block has no chunk.
     */
    public long[] blockRange(int block) {
        BlockMeta b = index.blocks[block];
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int c = 0; c < b.keyIds.length; c++) {
            if (b.constValues[c] == null) {
                start = Math.min(start, b.chunkOffsets[c]);
                end = Math.max(end, b.chunkOffsets[c] + b.chunkLengths[c]);
            }
        }
        return start == Long.MAX_VALUE ? null : new long[] {start, end};
    }

    /** The file's bytes in [start, end). */
    public byte[] readBlock(long start, long end) {
        try {
            return read(channel, path, start, (int) (end - start));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static ZstdChunks borrow() {
        ZstdChunks z = DECOMPRESSORS.poll();
        return z != null ? z : new ZstdChunks(1);
    }

    public Path path() {
        return path;
    }

    /** Names this opened part uniquely for the process's lifetime, for caches that must not hold the part itself. */
    public long openSerial() {
        return openSerial;
    }

    public PartIndex index() {
        return index;
    }

    public long id() {
        return index.partId;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    public long rows() {
        return index.rows;
    }

    // ---------------------------------------------------------------- reading

    /** The column index of a key in a block, or -1 (a table per key, built on first use). */
    public int columnIndex(int block, int keyId) {
        if (keyId < 0) {
            return -1;
        }
        int[] byBlock = columnsByKey[keyId];
        if (byBlock == null) {
            byBlock = new int[index.blocks.length];
            for (int b = 0; b < byBlock.length; b++) {
                byBlock[b] = index.blocks[b].columnOf(keyId);
            }
            columnsByKey[keyId] = byBlock;
        }
        return byBlock[block];
    }

    /**
     * Whether every block of a group that holds values of a key keeps a bloom filter of them — none is constant or
     * of a type the filters skip — so the group's filter answers for all of its blocks (a table per key, built on
     * first use).
     */
    public boolean groupFiltered(int keyId, int group) {
        boolean[] byGroup = groupsFilteredByKey[keyId];
        if (byGroup == null) {
            byGroup = new boolean[(index.blocks.length + PartIndex.GROUP_BLOCKS - 1) / PartIndex.GROUP_BLOCKS];
            java.util.Arrays.fill(byGroup, true);
            for (int b = 0; b < index.blocks.length; b++) {
                int c = columnIndex(b, keyId);
                BlockMeta m = index.blocks[b];
                if (c >= 0 && m.present(c) > 0 && !m.hasBloom(c)) {
                    byGroup[b / PartIndex.GROUP_BLOCKS] = false;
                }
            }
            groupsFilteredByKey[keyId] = byGroup;
        }
        return byGroup[group];
    }

    /**
     * Where each block's bloom filter of a key lies in the key's {@link #bloomSection}: {@code offset << 32 | length},
     * or -1 for a block without one (a table per key, built on first use).
     */
    public long[] bloomRefs(int keyId) {
        long[] refs = bloomsByKey[keyId];
        if (refs == null) {
            refs = new long[index.blocks.length];
            for (int b = 0; b < refs.length; b++) {
                int c = columnIndex(b, keyId);
                BlockMeta m = index.blocks[b];
                refs[b] = c < 0 || m.bloomLengths[c] <= 0 ? -1 : (long) m.bloomOffsets[c] << 32 | m.bloomLengths[c];
            }
            bloomsByKey[keyId] = refs;
        }
        return refs;
    }

    /** Each group's filter of a key in its {@link #groupBloomSection}: {@code offset << 32 | length}, or -1. */
    public long[] groupBloomRefs(int keyId) {
        return index.groupBlooms[keyId];
    }

    /** Whether a group's filter of a key may hold a value's hash (true where the group keeps no filter of it). */
    public boolean groupMayContain(int keyId, int group, long hash) {
        long g = index.groupBlooms[keyId][group];
        return g < 0 || BloomFilter.mayContain(groupBloomSection(keyId), (int) (g >>> 32), (int) g, hash);
    }

    /** Every group filter of a column key in this part. */
    public byte[] groupBloomSection(int keyId) {
        int cacheKey = index.keys.length + keyId;
        byte[] cached = blooms.get(this, cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] all = readBlooms(index.groupRangeOffsets[keyId], index.groupRangeLengths[keyId], keyId);
        blooms.put(this, cacheKey, all);
        return all;
    }

    /** Every bloom filter of a column key in this part (offsets per block are in the block index). */
    public byte[] bloomSection(int keyId) {
        return bloomsOf(keyId);
    }

    /** Decodes one column of one block. */
    public ColumnVector column(int block, int column) {
        return column(block, column, null, 0);
    }

    /**
     * One row of one column of one block (see {@link ColumnVector#row}), from the chunk in {@code raw[column]} (read,
     * checked and decompressed into it first if null).
     */
    ColumnVector columnRow(int block, int column, int row, byte[][] raw, byte[] range, long rangeStart) {
        BlockMeta b = index.blocks[block];
        ColumnKey key = index.keys[b.keyIds[column]];
        try {
            if (b.constValues[column] != null) {
                return ColumnVector.constant(key, b.rows, b.constValues[column]);
            }
            if (raw[column] == null) {
                raw[column] = chunk(block, column, range, rangeStart);
            }
            return ColumnVector.row(key, b.encodings[column], b.rows, raw[column], row);
        } catch (CorruptDataException e) {
            throw new CorruptPartException(path, "column " + key + " of block " + block + ": " + e.getMessage(), e);
        }
    }

    /** A column's chunk of one block, checked and decompressed. */
    private byte[] chunk(int block, int column, byte[] range, long rangeStart) {
        BlockMeta b = index.blocks[block];
        String what = "chunk of column " + index.keys[b.keyIds[column]] + " in block " + block;
        byte[] stored;
        int off;
        if (range != null) {
            stored = range;
            off = (int) (b.chunkOffsets[column] - rangeStart);
            checkCrc(path, stored, off, b.chunkLengths[column], b.chunkCrcs[column], what);
        } else {
            stored = readChecked(b.chunkOffsets[column], b.chunkLengths[column], b.chunkCrcs[column], what);
            off = 0;
        }
        int len = b.chunkLengths[column];
        if (AtRestEncryption.isSealed(stored, off, len)) {
            stored = encryption.open(stored, off, len, Purpose.CHUNK, what);
            off = 0;
            len = stored.length;
        }
        ZstdChunks zstd = borrow();
        try {
            return zstd.decompress(stored, off, len);
        } finally {
            DECOMPRESSORS.add(zstd);
        }
    }

    /**
     * Decodes one column of one block, its chunk taken from {@code range} (the block's bytes from {@link #readBlock},
     * starting at file offset {@code rangeStart}) when given, else read from the file.
     */
    ColumnVector column(int block, int column, byte[] range, long rangeStart) {
        BlockMeta b = index.blocks[block];
        ColumnKey key = index.keys[b.keyIds[column]];
        try {
            if (b.constValues[column] != null) {
                return ColumnVector.constant(key, b.rows, b.constValues[column]);
            }
            return ColumnVector.decode(key, b.encodings[column], b.rows, chunk(block, column, range, rangeStart));
        } catch (CorruptDataException e) {
            throw new CorruptPartException(path, "column " + key + " of block " + block + ": " + e.getMessage(), e);
        }
    }

    private byte[] readChecked(long offset, int length, int crc, String what) {
        try {
            byte[] b = read(channel, path, offset, length);
            checkCrc(path, b, crc, what);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Whether the block's bloom filter for a column may hold the hash; {@code true} when the column keeps none.
     */
    public boolean mayContain(int block, int column, long hash) {
        BlockMeta b = index.blocks[block];
        if (b.bloomLengths[column] <= 0) {
            return true;
        }
        byte[] all = bloomsOf(b.keyIds[column]);
        return dev.logline.store.columnar.encoding.BloomFilter.mayContain(all, b.bloomOffsets[column],
                b.bloomLengths[column], hash);
    }

    /** Every bloom filter of a column key in this part, from the cache or read at once. */
    private byte[] bloomsOf(int keyId) {
        byte[] cached = blooms.get(this, keyId);
        if (cached != null) {
            return cached;
        }
        // The bloom section carries no checksum of its own: a damaged filter can only make a block look like a
        // candidate it is not, and the chunk read after it is checked.
        byte[] all = readBlooms(index.bloomRangeOffsets[keyId], index.bloomRangeLengths[keyId], keyId);
        blooms.put(this, keyId, all);
        return all;
    }

    /** A bloom section of a key as stored, opened when the part is sealed. */
    private byte[] readBlooms(long offset, int length, int keyId) {
        try {
            byte[] stored = read(channel, path, offset, length);
            return sealed && length > 0 ? encryption.open(stored, 0, length, Purpose.BLOOMS, "bloom filters") : stored;
        } catch (CorruptDataException e) {
            throw new CorruptPartException(path, "bloom filters of column " + index.keys[keyId] + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    // ---------------------------------------------------------------- lifecycle

    /** Takes a reference; false when the part was already closed (retired and released). */
    public boolean acquire() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (refs.decrementAndGet() == 0) {
            blooms.evict(this);
            try {
                channel.close();
                if (deleteWhenClosed) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                System.getLogger(Part.class.getName()).log(System.Logger.Level.WARNING,
                        "could not close or delete " + path, e);
            }
        }
    }

    /** Takes the part out of service: drops the owner's reference; the file goes once no reader holds it. */
    public void retire(boolean delete) {
        deleteWhenClosed = delete;
        release();
    }

    @Override
    public String toString() {
        return path.getFileName() + "(" + index.rows + " rows)";
    }
}
