package dev.logline.store.columnar.part;

import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.EncodedBlock;
import dev.logline.store.columnar.block.EncodedColumn;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.AtRestEncryption.Purpose;
import dev.logline.store.columnar.encoding.BloomFilter;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.CorruptDataException;
import dev.logline.store.columnar.encoding.LongSet;
import dev.logline.store.columnar.encoding.ZstdChunks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes one part file: blocks are appended as they are encoded (chunks go straight to disk, bloom filters gather in
 * memory by column), then {@link #publish} writes the blooms, the index and the footer to {@code <id>.part.tmp},
 * fsyncs it and renames it to {@code <id>.part}, so a part is either whole on disk or not there. {@link #close()}
 * without publishing deletes the temporary file.
 *
 * <pre>
 * part   := magic:"LLPART01" chunk* (block-bloom* group-bloom*)-per-key index footer
 * footer := indexOffset:int64 indexLength:int32 indexCrc32c:int32 magic:"LLPART01"      (24 bytes)
 * </pre>
 *
 * <p>With encryption ({@link AtRestEncryption}) each chunk, each key's block-bloom and group-bloom sections and the
 * index are sealed after compression; a part whose index is sealed has all its bloom sections sealed. Checksums
 * cover the bytes as written.
 *
 * @lucene.internal
 */
public final class PartWriter implements Closeable {

    static final int FOOTER_BYTES = 24;
    private static final int FLUSH_AT = 1 << 20;

    private final Path dir;
    private final long partId;
    private final Path tmp;
    private final FileChannel channel;
    private final ByteSink buffer = new ByteSink(FLUSH_AT + 65536);
    private final Map<ColumnKey, Integer> keyIds = new HashMap<>();
    private final List<ColumnKey> keys = new ArrayList<>();
    private final List<ByteSink> blooms = new ArrayList<>();
    /** Per key: the hashes of the current group of blocks, the group filters written so far and where each lies. */
    private final List<LongSet> groupHashes = new ArrayList<>();
    private final List<ByteSink> groupBlooms = new ArrayList<>();
    private final List<List<Long>> groupRefs = new ArrayList<>();
    private final List<Integer> bitsPerValue = new ArrayList<>();
    private final List<BlockMeta> blocks = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private final AtRestEncryption encryption;
    private long position;
    private boolean published;

    public PartWriter(Path dir, long partId, AtRestEncryption encryption) throws IOException {
        this.encryption = encryption;
        this.dir = dir;
        this.partId = partId;
        this.tmp = dir.resolve(PartFiles.name(partId) + ".tmp");
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        buffer.writeLongLE(PartFiles.MAGIC);
        position = 8;
    }

    public long partId() {
        return partId;
    }

    public int blockCount() {
        return blocks.size();
    }

    /** Bytes written so far (chunks; blooms and index come at publish). */
    public long bytesWritten() {
        return position;
    }

    /** Appends an encoded block. */
    public void add(EncodedBlock block) throws IOException {
        if (!blocks.isEmpty() && blocks.size() % PartIndex.GROUP_BLOCKS == 0) {
            closeGroup();
        }
        List<EncodedColumn> columns = block.columns();
        BlockMeta meta = new BlockMeta(block.rows(), block.minTs(), block.maxTs(), block.rawBytes(), columns.size());
        for (int c = 0; c < columns.size(); c++) {
            EncodedColumn col = columns.get(c);
            int keyId = keyIdOf(col.key());
            meta.keyIds[c] = keyId;
            meta.encodings[c] = col.encoding();
            meta.present[c] = col.present();
            meta.numeric[c] = (byte) col.numeric();
            meta.mins[c] = col.min();
            meta.maxs[c] = col.max();
            meta.valueCounts[c] = col.valueCounts();
            if (col.constValue() != null) {
                meta.constValues[c] = col.constValue();
            } else {
                byte[] chunk = encryption.seal(col.chunk(), Purpose.CHUNK);
                crc.reset();
                crc.update(chunk, 0, chunk.length);
                meta.chunkOffsets[c] = position;
                meta.chunkLengths[c] = chunk.length;
                meta.chunkCrcs[c] = (int) crc.getValue();
                write(chunk);
            }
            if (col.bloom() != null) {
                ByteSink b = blooms.get(keyId);
                meta.bloomOffsets[c] = b.size();
                meta.bloomLengths[c] = col.bloom().length;
                b.writeBytes(col.bloom());
                LongSet group = groupHashes.get(keyId);
                for (long h : col.bloomHashes()) {
                    group.add(h);
                }
            } else {
                meta.bloomOffsets[c] = -1;
            }
        }
        blocks.add(meta);
    }

    /** Ends the current group of blocks: one filter per key over every hash its blocks' filters hold. */
    private void closeGroup() {
        for (int k = 0; k < keys.size(); k++) {
            LongSet set = groupHashes.get(k);
            if (set.size() == 0) {
                groupRefs.get(k).add(-1L);
                continue;
            }
            byte[] bloom = new byte[BloomFilter.bytesFor(set.size(), bitsPerValue.get(k))];
            set.forEach(h -> BloomFilter.add(bloom, 0, bloom.length, h));
            ByteSink sink = groupBlooms.get(k);
            groupRefs.get(k).add((long) sink.size() << 32 | bloom.length);
            sink.writeBytes(bloom);
            set.clear();
        }
    }

    /**
     * Appends a block of another part as it is — chunks, constants, min/max and block filters copied byte for byte,
     * each chunk's checksum checked on the way — for a merge that needs no row of it reordered. {@code hashes}
     * gives, per key id of the source part, the hashes its filter holds (for this part's group filters).
     */
    public void addVerbatim(Part src, int block, java.util.function.IntFunction<long[]> hashes) throws IOException {
        if (!blocks.isEmpty() && blocks.size() % PartIndex.GROUP_BLOCKS == 0) {
            closeGroup();
        }
        BlockMeta in = src.index().block(block);
        long[] range = src.blockRange(block);
        byte[] bytes = range == null ? null : src.readBlock(range[0], range[1]);
        int n = in.columnCount();
        BlockMeta meta = new BlockMeta(in.rows, in.minTs, in.maxTs, in.rawBytes, n);
        for (int c = 0; c < n; c++) {
            int srcKey = in.keyIds[c];
            ColumnKey key = src.index().key(srcKey);
            int keyId = keyIdOf(key);
            meta.keyIds[c] = keyId;
            meta.encodings[c] = in.encodings[c];
            meta.present[c] = in.present[c];
            meta.numeric[c] = in.numeric[c];
            meta.mins[c] = in.mins[c];
            meta.maxs[c] = in.maxs[c];
            meta.valueCounts[c] = in.valueCounts[c];
            if (in.constValues[c] != null) {
                meta.constValues[c] = in.constValues[c];
            } else {
                int off = (int) (in.chunkOffsets[c] - range[0]);
                crc.reset();
                crc.update(bytes, off, in.chunkLengths[c]);
                if ((int) crc.getValue() != in.chunkCrcs[c]) {
                    throw new CorruptPartException(src.path(), "chunk of column " + key + " in block " + block
                            + " checksum mismatch", null);
                }
                byte[] chunk;
                try {
                    chunk = encryption.reseal(bytes, off, in.chunkLengths[c], Purpose.CHUNK, "chunk of column " + key
                            + " in block " + block);
                } catch (CorruptDataException e) {
                    throw new CorruptPartException(src.path(), e.getMessage(), e);
                }
                crc.reset();
                crc.update(chunk, 0, chunk.length);
                meta.chunkOffsets[c] = position;
                meta.chunkLengths[c] = chunk.length;
                meta.chunkCrcs[c] = (int) crc.getValue();
                write(chunk);
            }
            if (in.bloomLengths[c] > 0) {
                byte[] section = src.bloomSection(srcKey);
                ByteSink b = blooms.get(keyId);
                meta.bloomOffsets[c] = b.size();
                meta.bloomLengths[c] = in.bloomLengths[c];
                b.writeBytes(section, in.bloomOffsets[c], in.bloomLengths[c]);
                LongSet group = groupHashes.get(keyId);
                for (long h : hashes.apply(srcKey)) {
                    group.add(h);
                }
            } else {
                meta.bloomOffsets[c] = -1;
            }
        }
        blocks.add(meta);
    }

    private int keyIdOf(ColumnKey key) {
        return keyIds.computeIfAbsent(key, k -> {
            keys.add(k);
            blooms.add(new ByteSink(256));
            groupHashes.add(new LongSet());
            groupBlooms.add(new ByteSink(256));
            List<Long> refs = new ArrayList<>();
            for (int g = 0; g < blocks.size() / PartIndex.GROUP_BLOCKS; g++) {
                refs.add(-1L);
            }
            groupRefs.add(refs);
            bitsPerValue.add(k.equals(ColumnKey.MSG) ? BloomFilter.BITS_PER_TOKEN : BloomFilter.BITS_PER_VALUE);
            return keys.size() - 1;
        });
    }

    private void write(byte[] b) throws IOException {
        buffer.writeBytes(b);
        position += b.length;
        if (buffer.size() >= FLUSH_AT) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buffer.array(), 0, buffer.size());
        while (bb.hasRemaining()) {
            channel.write(bb);
        }
        buffer.clear();
    }

    /**
     * Writes blooms, index and footer, fsyncs, and renames the file to its final name (durably). Returns the part's
     * path.
     *
     * @param coveredSeq the WAL sequence number this part's partition is complete through
     * @param replaces   ids of the parts this one replaces (merged from)
     */
    public Path publish(long coveredSeq, long[] replaces, ZstdChunks zstd) throws IOException {
        if (!blocks.isEmpty()) {
            closeGroup();
        }
        long[] rangeOffsets = new long[keys.size()];
        int[] rangeLengths = new int[keys.size()];
        long[] groupOffsets = new long[keys.size()];
        int[] groupLengths = new int[keys.size()];
        long[][] groups = new long[keys.size()][];
        for (int k = 0; k < keys.size(); k++) {
            ByteSink b = blooms.get(k);
            rangeOffsets[k] = position;
            byte[] section = sealed(b);
            rangeLengths[k] = section.length;
            write(section);
            ByteSink g = groupBlooms.get(k);
            groupOffsets[k] = position;
            byte[] groupSection = sealed(g);
            groupLengths[k] = groupSection.length;
            write(groupSection);
            groups[k] = groupRefs.get(k).stream().mapToLong(Long::longValue).toArray();
        }
        PartIndex index = new PartIndex(partId, coveredSeq, replaces, keys.toArray(new ColumnKey[0]), rangeOffsets,
                rangeLengths, groupOffsets, groupLengths, groups, blocks.toArray(new BlockMeta[0]));
        ByteSink serialized = new ByteSink(64 * 1024);
        index.write(serialized);
        ByteSink stored = new ByteSink(serialized.size() / 4 + 64);
        zstd.compress(serialized.array(), 0, serialized.size(), stored);
        byte[] indexBytes = encryption.seal(stored.toByteArray(), Purpose.INDEX);
        crc.reset();
        crc.update(indexBytes, 0, indexBytes.length);
        long indexOffset = position;
        write(indexBytes);
        buffer.writeLongLE(indexOffset);
        buffer.writeIntLE(indexBytes.length);
        buffer.writeIntLE((int) crc.getValue());
        buffer.writeLongLE(PartFiles.MAGIC);
        position += FOOTER_BYTES;
        flushBuffer();
        channel.force(true);
        channel.close();
        Path target = dir.resolve(PartFiles.name(partId));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        PartFiles.syncDirectory(dir);
        published = true;
        return target;
    }

    /** A bloom section as written: sealed when the part is (an empty one stays empty). */
    private byte[] sealed(ByteSink section) {
        return section.size() == 0 ? new byte[0] : encryption.seal(section.toByteArray(), Purpose.BLOOMS);
    }

    @Override
    public void close() throws IOException {
        if (!published) {
            channel.close();
            Files.deleteIfExists(tmp);
        }
    }
}
