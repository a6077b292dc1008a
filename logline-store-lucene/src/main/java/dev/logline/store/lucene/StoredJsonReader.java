package dev.logline.store.lucene;

import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the stored event JSON of many documents at once. Documents are read per segment in increasing id order
 * through the codec's sequential reader, which decompresses each block once instead of once per document (the
 * stored fields use the best-compression codec mode, whose blocks are large).
 */
final class StoredJsonReader {

    private StoredJsonReader() {
    }

    /** The JSON of each document, in the order of {@code docs} (global ids of {@code searcher}'s reader). */
    static byte[][] read(IndexSearcher searcher, int[] docs) throws IOException {
        byte[][] out = new byte[docs.length][];
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        StoredFieldsReader sequential = null;
        StoredFields random = null;
        JsonVisitor visitor = new JsonVisitor();
        for (Integer i : order) {
            int doc = docs[i];
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leafIndex = ReaderUtil.subIndex(doc, leaves);
                leaf = leaves.get(leafIndex);
                LeafReader reader = FilterLeafReader.unwrap(leaf.reader());
                sequential = reader instanceof CodecReader ? ((CodecReader) reader).getFieldsReader().getMergeInstance()
                        : null;
                random = sequential == null ? leaf.reader().storedFields() : null;
            }
            visitor.json = null;
            if (sequential != null) {
                sequential.document(doc - leaf.docBase, visitor);
            } else {
                random.document(doc - leaf.docBase, visitor);
            }
            out[i] = visitor.json;
        }
        return out;
    }

    /**
     * Reads the JSON of documents of one segment one at a time, in increasing id order, through the sequential
     * reader where the codec has one; for callers that need only some documents' JSON, interleaved with other work.
     */
    static final class InSegment {
        private final StoredFieldsReader sequential;
        private final StoredFields random;
        private final JsonVisitor visitor = new JsonVisitor();

        InSegment(LeafReaderContext leaf) throws IOException {
            LeafReader reader = FilterLeafReader.unwrap(leaf.reader());
            sequential = reader instanceof CodecReader ? ((CodecReader) reader).getFieldsReader().getMergeInstance()
                    : null;
            random = sequential == null ? leaf.reader().storedFields() : null;
        }

        /** The JSON of the segment's document {@code doc}, which must be above the last one read. */
        byte[] read(int doc) throws IOException {
            visitor.json = null;
            if (sequential != null) {
                sequential.document(doc, visitor);
            } else {
                random.document(doc, visitor);
            }
            return visitor.json;
        }
    }

    /** Picks the JSON field and stops reading the document there. */
    private static final class JsonVisitor extends StoredFieldVisitor {
        byte[] json;

        @Override
        public Status needsField(FieldInfo fieldInfo) {
            if (json != null) {
                return Status.STOP;
            }
            return fieldInfo.name.equals(IndexFields.JSON) ? Status.YES : Status.NO;
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
            json = value;
        }
    }
}
