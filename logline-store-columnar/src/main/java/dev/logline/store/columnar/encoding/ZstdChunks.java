package dev.logline.store.columnar.encoding;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * Compression of column chunks: zstd frames without a checksum (the part keeps a CRC32C per chunk), or the bytes
 * as they are when they are too short to gain or zstd would save less than an eighth of them. The first byte of a stored chunk says which: 0 raw, 1 zstd.
 * One instance per thread: the native contexts are reused between calls.
 *
 * @lucene.internal
 */
public final class ZstdChunks implements AutoCloseable {

    /** Chunks shorter than this are stored raw: a zstd frame header would eat the gain. */
    static final int MIN_COMPRESS = 64;
    private static final int RAW = 0;
    private static final int ZSTD = 1;
    /** Upper bound of a chunk's decoded size, so a damaged size field cannot make us allocate gigabytes. */
    public static final int MAX_DECODED = 256 << 20;

    private final ZstdCompressCtx compress = new ZstdCompressCtx();
    private final ZstdDecompressCtx decompress = new ZstdDecompressCtx();
    private byte[] scratch = new byte[1024];

    public ZstdChunks(int level) {
        compress.setLevel(level);
        compress.setChecksum(false);
        compress.setContentSize(true);
    }

    /** Appends the stored form of {@code src[off, off+len)} to {@code out}. */
    public void compress(byte[] src, int off, int len, ByteSink out) {
        if (len < MIN_COMPRESS) {
            out.writeByte(RAW);
            out.writeBytes(src, off, len);
            return;
        }
        int bound = (int) Zstd.compressBound(len);
        if (scratch.length < bound) {
            scratch = new byte[Math.max(bound, scratch.length * 2)];
        }
        int n = compress.compressByteArray(scratch, 0, scratch.length, src, off, len);
        if (n > len - len / 8) {
            // Saving less than an eighth (bit-packed times and codes, mostly): reading it raw is worth more.
            out.writeByte(RAW);
            out.writeBytes(src, off, len);
            return;
        }
        out.writeByte(ZSTD);
        out.writeBytes(scratch, 0, n);
    }

    /** Decodes a stored chunk into a fresh array. */
    public byte[] decompress(byte[] src, int off, int len) {
        if (len < 1) {
            throw new CorruptDataException("empty chunk");
        }
        int kind = src[off];
        if (kind == RAW) {
            byte[] out = new byte[len - 1];
            System.arraycopy(src, off + 1, out, 0, len - 1);
            return out;
        }
        if (kind != ZSTD) {
            throw new CorruptDataException("unknown chunk kind " + kind);
        }
        long size = Zstd.getFrameContentSize(src, off + 1, len - 1);
        if (size < 0 || size > MAX_DECODED) {
            throw new CorruptDataException("zstd frame declares " + size + " bytes");
        }
        byte[] out = new byte[(int) size];
        try {
            int n = decompress.decompressByteArray(out, 0, out.length, src, off + 1, len - 1);
            if (n != size) {
                throw new CorruptDataException("zstd frame decoded to " + n + " bytes, declared " + size);
            }
        } catch (com.github.luben.zstd.ZstdException e) {
            throw new CorruptDataException("zstd frame does not decode: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() {
        compress.close();
        decompress.close();
    }
}
