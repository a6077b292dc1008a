package dev.logline.store.lucene;

import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LoglineCodecTest {

    @TempDir
    Path dir;

    /** Event-like JSON of varied sizes, including empty, a few bytes, and one far bigger than a chunk. */
    private static List<byte[]> payloads(long seed, int count) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(100);
            String json;
            if (kind == 0) {
                json = "";
            } else if (kind == 1) {
                json = "{\"msg\":\"" + "x".repeat(1_200_000 + r.nextInt(1000)) + "\"}";
            } else {
                json = "{\"ts\":\"2026-11-23T12:00:" + (i % 60) + "Z\",\"level\":\"INFO\",\"trace_id\":\""
                        + Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong()) + "\",\"msg\":\"step "
                        + r.nextInt(50) + " of order ORD" + r.nextInt(1_000_000) + "\",\"pad\":\"" + "ab".repeat(r.nextInt(400)) + "\"}";
            }
            out.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void add(IndexWriter w, List<byte[]> docs) throws Exception {
        for (byte[] d : docs) {
            Document doc = new Document();
            doc.add(new StoredField(IndexFields.JSON, d));
            w.addDocument(doc);
        }
    }

    private static List<byte[]> readAll(Directory d) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (DirectoryReader r = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : r.leaves()) {
                StoredFields sf = leaf.reader().storedFields();
                for (int i = 0; i < leaf.reader().maxDoc(); i++) {
                    BytesRef b = sf.document(i).getBinaryValue(IndexFields.JSON);
                    out.add(BytesRef.deepCopyOf(b).bytes);
                }
            }
        }
        return out;
    }

    private static List<String> codecs(Directory d) throws Exception {
        List<String> names = new ArrayList<>();
        for (SegmentCommitInfo si : SegmentInfos.readLatestCommit(d)) {
            names.add(si.info.getCodec().getName());
        }
        return names;
    }

    @Test
    void everyStoredEventReadsBackByteForByteAfterReopening() throws Exception {
        List<byte[]> docs = payloads(7, 3_000);
        try (Directory d = FSDirectory.open(dir)) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(LoglineCodec.current()))) {
                add(w, docs);
                w.commit();
            }
            // A fresh reader finds the codec by name through the service loader.
            assertThat(codecs(d)).containsOnly(LoglineCodec.NAME);
            assertThat(readAll(d)).containsExactlyElementsOf(docs);
        }
    }

    @Test
    void randomAccessReadsTheRightEventAnywhereInAChunk() throws Exception {
        List<byte[]> docs = payloads(11, 2_000);
        try (Directory d = FSDirectory.open(dir)) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(LoglineCodec.current()))) {
                add(w, docs);
                w.forceMerge(1);
                w.commit();
            }
            Random r = new Random(3);
            try (DirectoryReader reader = DirectoryReader.open(d)) {
                StoredFields sf = reader.leaves().get(0).reader().storedFields();
                for (int i = 0; i < 500; i++) {
                    int doc = r.nextInt(docs.size());
                    assertThat(BytesRef.deepCopyOf(sf.document(doc).getBinaryValue(IndexFields.JSON)).bytes)
                            .as("doc %d", doc).isEqualTo(docs.get(doc));
                }
            }
        }
    }

    @Test
    void segmentsOfTheOldCodecStayReadableAndMergeIntoTheNewOne() throws Exception {
        List<byte[]> old = payloads(1, 800);
        List<byte[]> fresh = payloads(2, 800);
        try (Directory d = FSDirectory.open(dir)) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig()
                    .setCodec(new Lucene912Codec(Lucene912Codec.Mode.BEST_COMPRESSION)))) {
                add(w, old);
                w.commit();
            }
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(LoglineCodec.current()))) {
                add(w, fresh);
                w.commit();
                assertThat(codecs(d)).containsExactlyInAnyOrder("Lucene912", LoglineCodec.NAME);
                w.forceMerge(1);
                w.commit();
            }
            assertThat(codecs(d)).containsExactly(LoglineCodec.NAME);
            List<byte[]> all = new ArrayList<>(old);
            all.addAll(fresh);
            assertThat(readAll(d)).containsExactlyElementsOf(all);
        }
    }
}
