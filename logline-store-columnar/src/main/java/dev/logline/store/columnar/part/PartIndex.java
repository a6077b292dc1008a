package dev.logline.store.columnar.part;

import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.EncodedColumn;
import dev.logline.store.columnar.encoding.ByteReader;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.CorruptDataException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A part's table of contents, kept in memory while the part is open: its identity and lineage, the column keys it
 * uses, where each key's bloom filters lie, and every block's {@link BlockMeta}. Serialised at the end of the part
 * file (layout in docs/STORAGE.md).
 *
 * @lucene.internal
 */
public final class PartIndex {

    /** 2: dictionary codes bit-packed (1 wrote a byte per code). */
    static final int FORMAT_VERSION = 2;
    /** Blocks per group: each group has one bloom filter per key over all its blocks', checked before theirs. */
    public static final int GROUP_BLOCKS = 64;

    final long partId;
    final long coveredSeq;
    final long[] replaces;
    final long rows;
    final long minTs;
    final long maxTs;
    final ColumnKey[] keys;
    final Map<ColumnKey, Integer> keyIds;
    /** Per key id: absolute offset and length of its bloom filters in the file ({@code length 0}: none). */
    final long[] bloomRangeOffsets;
    final int[] bloomRangeLengths;
    /** Per key id: absolute offset and length of its group filters, and per group (offset << 32 | length) or -1. */
    final long[] groupRangeOffsets;
    final int[] groupRangeLengths;
    final long[][] groupBlooms;
    final BlockMeta[] blocks;

    PartIndex(long partId, long coveredSeq, long[] replaces, ColumnKey[] keys, long[] bloomRangeOffsets,
              int[] bloomRangeLengths, long[] groupRangeOffsets, int[] groupRangeLengths, long[][] groupBlooms,
              BlockMeta[] blocks) {
        this.partId = partId;
        this.coveredSeq = coveredSeq;
        this.replaces = replaces;
        this.keys = keys;
        this.keyIds = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            keyIds.put(keys[i], i);
        }
        this.bloomRangeOffsets = bloomRangeOffsets;
        this.bloomRangeLengths = bloomRangeLengths;
        this.groupRangeOffsets = groupRangeOffsets;
        this.groupRangeLengths = groupRangeLengths;
        this.groupBlooms = groupBlooms;
        this.blocks = blocks;
        long n = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (BlockMeta b : blocks) {
            n += b.rows;
            lo = Math.min(lo, b.minTs);
            hi = Math.max(hi, b.maxTs);
        }
        this.rows = n;
        this.minTs = lo;
        this.maxTs = hi;
    }

    public long partId() {
        return partId;
    }

    /** Every WAL frame up to this sequence number that belongs to the part's partition is in it or an older part. */
    public long coveredSeq() {
        return coveredSeq;
    }

    /** Ids of the parts this one was merged from (they are deleted once this part is published). */
    public long[] replaces() {
        return replaces.clone();
    }

    public long rows() {
        return rows;
    }

    public long minTs() {
        return minTs;
    }

    public long maxTs() {
        return maxTs;
    }

    public int blockCount() {
        return blocks.length;
    }

    public BlockMeta block(int i) {
        return blocks[i];
    }

    /** The key id of a column key in this part, or -1 when no block has the column. */
    public int keyId(ColumnKey key) {
        Integer id = keyIds.get(key);
        return id == null ? -1 : id;
    }

    public ColumnKey key(int keyId) {
        return keys[keyId];
    }

    public int keyCount() {
        return keys.length;
    }

    // ---------------------------------------------------------------- serialisation

    void write(ByteSink out) {
        out.writeVarInt(FORMAT_VERSION);
        out.writeVarLong(partId);
        out.writeVarLong(coveredSeq);
        out.writeVarInt(replaces.length);
        for (long r : replaces) {
            out.writeVarLong(r);
        }
        out.writeVarInt(keys.length);
        for (ColumnKey k : keys) {
            out.writeByte(k.space());
            out.writeString(k.name());
        }
        int groups = (blocks.length + GROUP_BLOCKS - 1) / GROUP_BLOCKS;
        out.writeVarInt(groups);
        for (int i = 0; i < keys.length; i++) {
            out.writeVarLong(bloomRangeOffsets[i]);
            out.writeVarInt(bloomRangeLengths[i]);
            out.writeVarLong(groupRangeOffsets[i]);
            out.writeVarInt(groupRangeLengths[i]);
            for (int g = 0; g < groups; g++) {
                long ref = groupBlooms[i][g];
                out.writeVarLong(ref < 0 ? 0 : (ref >>> 32) + 1);
                if (ref >= 0) {
                    out.writeVarInt((int) ref);
                }
            }
        }
        out.writeVarInt(blocks.length);
        for (BlockMeta b : blocks) {
            out.writeVarInt(b.rows);
            out.writeZigZag(b.minTs);
            out.writeVarLong(b.maxTs - b.minTs);
            out.writeVarLong(b.rawBytes);
            out.writeVarInt(b.keyIds.length);
            for (int c = 0; c < b.keyIds.length; c++) {
                out.writeVarInt(b.keyIds[c]);
                out.writeByte(b.encodings[c]);
                out.writeVarInt(b.present[c]);
                out.writeByte(b.numeric[c]);
                if (b.numeric[c] == EncodedColumn.NUMERIC_LONG) {
                    out.writeZigZag(b.mins[c]);
                    out.writeZigZag(b.maxs[c]);
                } else if (b.numeric[c] == EncodedColumn.NUMERIC_DOUBLE) {
                    out.writeLongLE(b.mins[c]);
                    out.writeLongLE(b.maxs[c]);
                }
                if (b.constValues[c] != null) {
                    out.writeVarInt(b.constValues[c].length);
                    out.writeBytes(b.constValues[c]);
                } else {
                    out.writeVarLong(b.chunkOffsets[c]);
                    out.writeVarInt(b.chunkLengths[c]);
                    out.writeIntLE(b.chunkCrcs[c]);
                }
                out.writeVarInt(b.bloomLengths[c]);
                if (b.bloomLengths[c] > 0) {
                    out.writeVarInt(b.bloomOffsets[c]);
                }
                byte[] counts = b.valueCounts[c];
                out.writeVarInt(counts == null ? 0 : counts.length);
                if (counts != null) {
                    out.writeBytes(counts);
                }
            }
        }
    }

    static PartIndex read(byte[] bytes, long fileSize) {
        ByteReader r = new ByteReader(bytes);
        Map<ByteBuffer, byte[]> constants = new HashMap<>();
        int version = r.readVarInt();
        if (version != FORMAT_VERSION) {
            throw new PartFormatException(null, version);
        }
        long partId = r.readVarLong();
        long coveredSeq = r.readVarLong();
        int nReplaces = r.readVarInt();
        if (nReplaces > 1_000_000) {
            throw new CorruptDataException("part replaces " + nReplaces + " parts");
        }
        long[] replaces = new long[nReplaces];
        for (int i = 0; i < nReplaces; i++) {
            replaces[i] = r.readVarLong();
        }
        int nKeys = r.readVarInt();
        if (nKeys > r.remaining()) {
            throw new CorruptDataException("part index names " + nKeys + " keys");
        }
        ColumnKey[] keys = new ColumnKey[nKeys];
        for (int i = 0; i < nKeys; i++) {
            int space = r.readByte();
            if (space != ColumnKey.BUILTIN && space != ColumnKey.ATTRIBUTE) {
                throw new CorruptDataException("column key space " + space);
            }
            keys[i] = new ColumnKey(space, r.readString());
        }
        // The block count comes after the key table; the group count is read from it, so read the table into
        // temporaries sized by what the key table says.
        long[] bloomOffsets = new long[nKeys];
        int[] bloomLengths = new int[nKeys];
        long[] groupOffsets = new long[nKeys];
        int[] groupLengths = new int[nKeys];
        long[][] groupRefs = new long[nKeys][];
        int groups = r.readVarInt();
        for (int i = 0; i < nKeys; i++) {
            bloomOffsets[i] = r.readVarLong();
            bloomLengths[i] = r.readVarInt();
            groupOffsets[i] = r.readVarLong();
            groupLengths[i] = r.readVarInt();
            if (bloomOffsets[i] + bloomLengths[i] > fileSize || groupOffsets[i] + groupLengths[i] > fileSize) {
                throw new CorruptDataException("bloom range beyond the end of the file");
            }
            groupRefs[i] = new long[groups];
            for (int g = 0; g < groups; g++) {
                long offset = r.readVarLong();
                if (offset == 0) {
                    groupRefs[i][g] = -1;
                    continue;
                }
                int len = r.readVarInt();
                if (offset - 1 + len > groupLengths[i]) {
                    throw new CorruptDataException("group bloom beyond its key's range");
                }
                groupRefs[i][g] = (offset - 1) << 32 | len;
            }
        }
        int nBlocks = r.readVarInt();
        if ((nBlocks + GROUP_BLOCKS - 1) / GROUP_BLOCKS != groups) {
            throw new CorruptDataException("part index has " + groups + " block groups for " + nBlocks + " blocks");
        }
        if (nBlocks > r.remaining()) {
            throw new CorruptDataException("part index names " + nBlocks + " blocks");
        }
        List<BlockMeta> blocks = new ArrayList<>(nBlocks);
        for (int i = 0; i < nBlocks; i++) {
            int rows = r.readVarInt();
            long minTs = r.readZigZag();
            long maxTs = minTs + r.readVarLong();
            long rawBytes = r.readVarLong();
            int nColumns = r.readVarInt();
            if (nColumns > nKeys) {
                throw new CorruptDataException("block with " + nColumns + " columns of " + nKeys + " keys");
            }
            BlockMeta b = new BlockMeta(rows, minTs, maxTs, rawBytes, nColumns);
            for (int c = 0; c < nColumns; c++) {
                int keyId = r.readVarInt();
                if (keyId >= nKeys) {
                    throw new CorruptDataException("column key id " + keyId);
                }
                b.keyIds[c] = keyId;
                b.encodings[c] = (byte) r.readByte();
                b.present[c] = r.readVarInt();
                b.numeric[c] = (byte) r.readByte();
                if (b.numeric[c] == EncodedColumn.NUMERIC_LONG) {
                    b.mins[c] = r.readZigZag();
                    b.maxs[c] = r.readZigZag();
                } else if (b.numeric[c] == EncodedColumn.NUMERIC_DOUBLE) {
                    b.mins[c] = r.readLongLE();
                    b.maxs[c] = r.readLongLE();
                }
                if (b.encodings[c] == dev.logline.store.columnar.block.ColumnEncoding.CONST) {
                    // Equal constants share one array (a service or host repeats in thousands of blocks), so
                    // readers can remember what they made of one by its identity.
                    byte[] value = r.readBytes(r.readVarInt());
                    b.constValues[c] = constants.computeIfAbsent(ByteBuffer.wrap(value), k -> value);
                } else {
                    b.chunkOffsets[c] = r.readVarLong();
                    b.chunkLengths[c] = r.readVarInt();
                    b.chunkCrcs[c] = r.readIntLE();
                    if (b.chunkOffsets[c] + b.chunkLengths[c] > fileSize) {
                        throw new CorruptDataException("chunk beyond the end of the file");
                    }
                }
                b.bloomLengths[c] = r.readVarInt();
                b.bloomOffsets[c] = b.bloomLengths[c] > 0 ? r.readVarInt() : -1;
                if (b.bloomLengths[c] > 0 && b.bloomOffsets[c] + (long) b.bloomLengths[c] > bloomLengths[keyId]) {
                    throw new CorruptDataException("bloom beyond its key's range");
                }
                int countsLength = r.readVarInt();
                b.valueCounts[c] = countsLength == 0 ? null : r.readBytes(countsLength);
            }
            blocks.add(b);
        }
        if (r.hasRemaining()) {
            throw new CorruptDataException(r.remaining() + " bytes left after the part index");
        }
        return new PartIndex(partId, coveredSeq, replaces, keys, bloomOffsets, bloomLengths, groupOffsets,
                groupLengths, groupRefs, blocks.toArray(new BlockMeta[0]));
    }
}
