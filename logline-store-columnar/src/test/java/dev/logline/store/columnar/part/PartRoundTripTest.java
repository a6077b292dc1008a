package dev.logline.store.columnar.part;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Step;
import dev.logline.store.RandomCorpus;
import dev.logline.store.columnar.block.BlockBuilder;
import dev.logline.store.columnar.block.ColumnEncoder;
import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.StoreKeyException;
import dev.logline.store.columnar.encoding.ZstdChunks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void randomEventsComeBackEqual() throws Exception {
        List<LogEvent> events = new RandomCorpus(11).events(3000, 1_800_000_000_000_000L, 3_600_000_000L);
        assertThat(roundTrip(events, 1024)).isEqualTo(events);
    }

    @Test
    void everyValueShapeComesBackEqual() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("status", 503L);
        nested.put("empty", Map.of());
        nested.put("list", List.of(1L, "two", 3.5, true, Map.of("x", "y")));
        nested.put("nothing", null);
        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("b.c", 7L);
        List<LogEvent> events = new ArrayList<>();
        events.add(LogEvent.builder().tsMicros(1).msg("all kinds").level(Level.ERROR)
                .attribute("http", nested).attribute("s", "text").attribute("l", -5L).attribute("d", 0.1)
                .attribute("neg0", -0.0).attribute("big", 1e300).attribute("t", true).attribute("f", false)
                .attribute("n", null).attribute("i", 42).attribute("float", 1.5f)
                .attribute("bigint", new BigInteger("123456789012345678901234567890"))
                .attribute("bigdec", new BigDecimal("1.25")).attribute("nan", Double.NaN)
                .attribute("a", deep).attribute("a.b", 9L)
                .error(new ErrorInfo("java.io.IOException", "disk", "at x\nat y", "abc123",
                        new ErrorInfo("java.lang.RuntimeException", null)))
                .steps(List.of(new Step(0.5, 0.5, 12, "start"), new Step(3.25, 2.75, 0, null)))
                .durationMs(3.25).traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7")
                .service("svc").host("h").env("prod").version("1.0").logger("x.Y").thread("main").tenant("t1")
                .build());
        // Two top-level attributes that name the same path: the second is kept whole.
        events.add(LogEvent.builder().tsMicros(2).attribute("x.y", 1L).attribute("x", Map.of("y", 2L)).build());
        events.add(LogEvent.builder().tsMicros(3).error(new ErrorInfo(null, null)).msg("ünïcödé ☃ 😀").build());
        events.add(LogEvent.builder().tsMicros(4).traceId("NOT-HEX").spanId("").build());
        List<LogEvent> expected = new ArrayList<>();
        for (LogEvent e : events) {
            expected.add(LogEventJson.parse(LogEventJson.toJson(e), 0));
        }
        assertThat(roundTrip(events, 2)).isEqualTo(expected);
    }

    @Test
    void groupFiltersHoldEveryValueOfTheirBlocks() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(LogEvent.builder().tsMicros(i).msg("event number " + i).traceId(String.format("%032x", i * 7919L))
                    .build());
        }
        roundTrip(events, 3);
        Part part = Part.open(dir.resolve(PartFiles.name(1)), PartAccess.plain(1 << 20));
        try {
            int traceKey = part.index().keyId(dev.logline.store.columnar.block.ColumnKey.TRACE_ID);
            int msgKey = part.index().keyId(dev.logline.store.columnar.block.ColumnKey.MSG);
            long[] traceGroups = part.groupBloomRefs(traceKey);
            assertThat(traceGroups).hasSize((part.index().blockCount() + PartIndex.GROUP_BLOCKS - 1)
                    / PartIndex.GROUP_BLOCKS);
            int absentHits = 0;
            for (int i = 0; i < events.size(); i++) {
                int group = (i / 3) / PartIndex.GROUP_BLOCKS;
                long ref = traceGroups[group];
                assertThat(dev.logline.store.columnar.encoding.BloomFilter.mayContain(part.groupBloomSection(traceKey),
                        (int) (ref >>> 32), (int) ref, dev.logline.store.columnar.encoding.Hash64.ofString(
                                events.get(i).traceId()))).isTrue();
                long msgRef = part.groupBloomRefs(msgKey)[group];
                assertThat(dev.logline.store.columnar.encoding.BloomFilter.mayContain(part.groupBloomSection(msgKey),
                        (int) (msgRef >>> 32), (int) msgRef,
                        dev.logline.store.columnar.encoding.Hash64.ofString(Integer.toString(i)))).isTrue();
                // A value of another group is mostly absent from this one.
                if (dev.logline.store.columnar.encoding.BloomFilter.mayContain(part.groupBloomSection(traceKey),
                        (int) (ref >>> 32), (int) ref, dev.logline.store.columnar.encoding.Hash64.ofString(
                                String.format("%032x", (i + 500L) * 7919L % 1000 * 7919L + 1)))) {
                    absentHits++;
                }
            }
            assertThat(absentHits).as("false positives among 1000 absent values").isLessThan(50);
        } finally {
            part.retire(false);
        }
    }

    @Test
    void aSealedPartHoldsNoPlainChunkFilterOrIndexAndComesBackEqual() throws Exception {
        List<LogEvent> events = new RandomCorpus(12).events(2000, 1_800_000_000_000_000L, 3_600_000_000L);
        AtRestEncryption sealing = AtRestEncryption.of(EncryptionKeys.parse(EncryptionKeys.newEntry("k1"), "test"));
        assertThat(roundTrip(events, 256, sealing)).isEqualTo(events);

        Path file = dir.resolve(PartFiles.name(1));
        assertThat(Part.sealingKeyOf(file)).isEqualTo("k1");
        assertThatThrownBy(() -> Part.open(file, PartAccess.plain(0))).isInstanceOf(StoreKeyException.class);
        byte[] bytes = Files.readAllBytes(file);
        Part part = Part.open(file, new PartAccess(new BloomCache(0), sealing));
        try {
            PartIndex index = part.index();
            int chunks = 0;
            for (int b = 0; b < index.blockCount(); b++) {
                BlockMeta m = index.block(b);
                for (int c = 0; c < m.columnCount(); c++) {
                    if (m.constValues[c] == null) {
                        assertThat(AtRestEncryption.isSealed(bytes, (int) m.chunkOffsets[c], m.chunkLengths[c]))
                                .as("chunk %d of block %d", c, b).isTrue();
                        chunks++;
                    }
                }
            }
            assertThat(chunks).isPositive();
            for (int k = 0; k < index.keys.length; k++) {
                if (index.bloomRangeLengths[k] > 0) {
                    assertThat(AtRestEncryption.isSealed(bytes, (int) index.bloomRangeOffsets[k],
                            index.bloomRangeLengths[k])).as("blooms of %s", index.keys[k]).isTrue();
                }
            }
        } finally {
            part.retire(false);
        }
    }

    private List<LogEvent> roundTrip(List<LogEvent> events, int blockRows) throws Exception {
        return roundTrip(events, blockRows, AtRestEncryption.NONE);
    }

    private List<LogEvent> roundTrip(List<LogEvent> events, int blockRows, AtRestEncryption encryption)
            throws Exception {
        BlockBuilder builder = new BlockBuilder(blockRows, 1 << 20);
        try (ColumnEncoder encoder = new ColumnEncoder(3); ZstdChunks zstd = new ZstdChunks(3);
             PartWriter writer = new PartWriter(dir, 1, encryption)) {
            long uid = 0;
            for (LogEvent e : events) {
                builder.appendEvent(e, uid++);
                if (builder.isFull()) {
                    writer.add(builder.encode(encoder));
                }
            }
            if (!builder.isEmpty()) {
                writer.add(builder.encode(encoder));
            }
            writer.publish(7, new long[] {3, 4}, zstd);
        }
        Part part = Part.open(dir.resolve(PartFiles.name(1)), new PartAccess(new BloomCache(1 << 20), encryption));
        try {
            assertThat(part.index().coveredSeq()).isEqualTo(7);
            assertThat(part.index().replaces()).containsExactly(3, 4);
            return PartRows.all(part);
        } finally {
            part.retire(false);
        }
    }
}
