package dev.logline.store.lucene;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;

/**
 * The codec of every partition: Lucene 9.12's, with the stored event JSON compressed by {@link ZstdCompressionMode}
 * instead of DEFLATE. Registered under {@value #NAME} in {@code META-INF/services}, which is how Lucene finds it again
 * when it opens a segment; segments written before it keep their own codec and are rewritten by merges.
 *
 * @lucene.internal
 */
public final class LoglineCodec extends FilterCodec {

    /** The name segments record; never change it, or existing indexes cannot be read. */
    public static final String NAME = "Logline912";
    /** zstd level: 6 compresses the JSON as well as DEFLATE's best mode at a similar write cost. */
    static final int ZSTD_LEVEL = 6;
    /** Chunk size and docs per chunk as in Lucene's BEST_COMPRESSION mode. */
    private static final int CHUNK_BYTES = 480 * 1024;
    private static final int MAX_DOCS_PER_CHUNK = 4096;
    private static final int BLOCK_SHIFT = 10;

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
            "LoglineZstdStoredFields", new ZstdCompressionMode(ZSTD_LEVEL), CHUNK_BYTES, MAX_DOCS_PER_CHUNK, BLOCK_SHIFT);

    /** Public for Lucene's service loader. */
    public LoglineCodec() {
        super(NAME, new Lucene912Codec());
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }

    /** The codec a fresh partition writes with. */
    static Codec current() {
        return Codec.forName(NAME);
    }
}
