package dev.logline.store.lucene;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Arrays;

/**
 * Stored-fields compression with zstd, laid out like Lucene's own {@code BEST_COMPRESSION} (DEFLATE with a preset
 * dictionary): a chunk's first bytes are compressed alone and then serve as a raw-content dictionary for
 * {@value #SUB_BLOCKS} sub-blocks compressed separately, so reading one event inflates the dictionary and one small
 * sub-block instead of the whole chunk. At the same disk size as DEFLATE this reads an event about 5× faster
 * (docs/STORAGE.md has the measurements), which is most of a trace lookup's time.
 *
 * <p>zstd takes a dictionary that does not begin with its dictionary magic number as raw content; a chunk begins
 * with Lucene's stored-field header (small field numbers and types), never with that magic.
 *
 * <p>Chunk layout: {@code vInt dictLength, vInt blockLength, [vInt compressedLength, bytes] for the dictionary and
 * then for each sub-block} (a length of 0 means no bytes).
 */
final class ZstdCompressionMode extends CompressionMode {

    /** Sub-blocks per chunk: more means less to inflate per read and a little less compression. */
    static final int SUB_BLOCKS = 20;
    /** The dictionary is about this many times smaller than a sub-block. */
    private static final int DICT_SIZE_FACTOR = 6;

    private final int level;

    ZstdCompressionMode(int level) {
        this.level = level;
    }

    @Override
    public Compressor newCompressor() {
        return new ZstdCompressor(level);
    }

    @Override
    public Decompressor newDecompressor() {
        return new ZstdDecompressor();
    }

    @Override
    public String toString() {
        return "ZSTD(level=" + level + ", subBlocks=" + SUB_BLOCKS + ")";
    }

    private static final class ZstdCompressor extends Compressor {
        private final ZstdCompressCtx ctx = new ZstdCompressCtx();
        private byte[] chunk = new byte[0];
        private byte[] compressed = new byte[0];

        ZstdCompressor(int level) {
            ctx.setLevel(level);
        }

        @Override
        public void compress(ByteBuffersDataInput in, DataOutput out) throws IOException {
            int length = Math.toIntExact(in.length());
            chunk = ArrayUtil.growNoCopy(chunk, length);
            in.readBytes(chunk, 0, length);
            int dictLength = length / (SUB_BLOCKS * DICT_SIZE_FACTOR);
            int blockLength = Math.max(1, (length - dictLength + SUB_BLOCKS - 1) / SUB_BLOCKS);
            out.writeVInt(dictLength);
            out.writeVInt(blockLength);
            ctx.loadDict((byte[]) null);
            block(0, dictLength, out);
            if (dictLength > 0) {
                ctx.loadDict(Arrays.copyOf(chunk, dictLength));
            }
            for (int start = dictLength; start < length; start += blockLength) {
                block(start, Math.min(blockLength, length - start), out);
            }
        }

        private void block(int offset, int length, DataOutput out) throws IOException {
            if (length == 0) {
                out.writeVInt(0);
                return;
            }
            compressed = ArrayUtil.growNoCopy(compressed, Math.toIntExact(Zstd.compressBound(length)));
            int n;
            try {
                n = ctx.compressByteArray(compressed, 0, compressed.length, chunk, offset, length);
            } catch (ZstdException e) {
                throw new IOException("zstd could not compress a stored-fields block", e);
            }
            out.writeVInt(n);
            out.writeBytes(compressed, n);
        }

        @Override
        public void close() {
            ctx.close();
        }
    }

    private static final class ZstdDecompressor extends Decompressor {
        private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
        private byte[] compressed = new byte[0];

        @Override
        public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
                throws IOException {
            if (length == 0) {
                bytes.length = 0;
                return;
            }
            int dictLength = in.readVInt();
            int blockLength = in.readVInt();
            if (dictLength < 0 || dictLength > originalLength || blockLength <= 0) {
                throw new CorruptIndexException("bad zstd chunk header: dict " + dictLength + ", block " + blockLength, in);
            }
            bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, dictLength);
            bytes.offset = 0;
            bytes.length = 0;
            ctx.loadDict((byte[]) null);
            inflate(in, bytes, dictLength);
            if (bytes.length != dictLength) {
                throw new CorruptIndexException("unexpected zstd dictionary length " + bytes.length, in);
            }

            int blockStart = dictLength;
            int offsetInBytes = offset;
            // Sub-blocks wholly before the wanted range are skipped without inflating them.
            while (blockStart + blockLength <= offset) {
                in.skipBytes(in.readVInt());
                blockStart += blockLength;
                offsetInBytes -= blockLength;
            }
            if (dictLength > 0) {
                ctx.loadDict(Arrays.copyOf(bytes.bytes, dictLength));
            }
            while (blockStart < offset + length) {
                int size = Math.min(blockLength, originalLength - blockStart);
                bytes.bytes = ArrayUtil.grow(bytes.bytes, bytes.length + size);
                inflate(in, bytes, size);
                blockStart += blockLength;
            }
            bytes.offset = offsetInBytes;
            bytes.length = length;
        }

        private void inflate(DataInput in, BytesRef bytes, int expected) throws IOException {
            int n = in.readVInt();
            if (n == 0) {
                return;
            }
            compressed = ArrayUtil.growNoCopy(compressed, n);
            in.readBytes(compressed, 0, n);
            int inflated;
            try {
                inflated = ctx.decompressByteArray(bytes.bytes, bytes.length, expected, compressed, 0, n);
            } catch (ZstdException e) {
                throw new CorruptIndexException("corrupt zstd stored-fields block: " + e.getMessage(), in, e);
            }
            if (inflated != expected) {
                throw new CorruptIndexException("zstd block inflated to " + inflated + " bytes, expected " + expected, in);
            }
            bytes.length += inflated;
        }

        @Override
        public Decompressor clone() {
            return new ZstdDecompressor();
        }
    }
}
