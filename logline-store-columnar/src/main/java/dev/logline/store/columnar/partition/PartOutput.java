package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.block.BlockBuilder;
import dev.logline.store.columnar.block.ColumnEncoder;
import dev.logline.store.columnar.encoding.ZstdChunks;
import dev.logline.store.columnar.part.PartAccess;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.part.PartWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes one new part from rows handed over in stream and time order: cuts blocks at a stream change or when full,
 * encodes them and publishes the part. The encoder and builder are reused across parts; one per thread.
 *
 * @lucene.internal
 */
final class PartOutput implements AutoCloseable {

    private final ColumnEncoder encoder;
    private final ZstdChunks zstd;
    private final BlockBuilder builder;
    private final PartAccess access;
    private PartWriter writer;
    private String stream;

    PartOutput(int blockRows, long blockBytes, int zstdLevel, PartAccess access) {
        this.access = access;
        this.encoder = new ColumnEncoder(zstdLevel);
        this.zstd = new ZstdChunks(zstdLevel);
        this.builder = new BlockBuilder(blockRows, blockBytes);
    }

    void begin(Path dir, long partId) throws IOException {
        writer = new PartWriter(dir, partId, access.encryption());
        stream = null;
    }

    /** The builder to append the next row to, after cutting the block if the stream changes or it is full. */
    BlockBuilder next(String rowStream) throws IOException {
        if (!builder.isEmpty() && (builder.isFull() || !rowStream.equals(stream))) {
            writer.add(builder.encode(encoder));
        }
        stream = rowStream;
        return builder;
    }

    /**
     * Appends another part's block as it is (see {@link PartWriter#addVerbatim}), after the rows waiting in the
     * block being built (they come first in time), which become a block of their own.
     */
    void copy(String rowStream, Part src, int block, java.util.function.IntFunction<long[]> hashes) throws IOException {
        if (!builder.isEmpty()) {
            writer.add(builder.encode(encoder));
        }
        writer.addVerbatim(src, block, hashes);
        stream = rowStream;
    }

    /** Publishes the part and opens it; null when no row was written (nothing is left on disk). */
    Part publish(long coveredSeq, long[] replaces) throws IOException {
        try {
            if (!builder.isEmpty()) {
                writer.add(builder.encode(encoder));
            }
            if (writer.blockCount() == 0) {
                return null;
            }
            return Part.open(writer.publish(coveredSeq, replaces, zstd), access);
        } finally {
            abort();
        }
    }

    /** Drops a part being written (deleting its temporary file) and the rows gathered for it. */
    void abort() throws IOException {
        builder.discard();
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    @Override
    public void close() {
        encoder.close();
        zstd.close();
    }
}
