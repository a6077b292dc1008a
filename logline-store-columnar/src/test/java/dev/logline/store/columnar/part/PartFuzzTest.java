package dev.logline.store.columnar.part;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.store.RandomCorpus;
import dev.logline.store.columnar.block.BlockBuilder;
import dev.logline.store.columnar.block.ColumnEncoder;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.ZstdChunks;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Part files, damaged (bits flipped, bytes set, ranges cut, duplicated or spliced, the file truncated): opening and
 * reading every row either fails with {@link CorruptPartException} — which takes the part out of service — or gives
 * back exactly the events written. Never another exception, a hang, an allocation sized by a damaged length, or
 * different events.
 */
class PartFuzzTest {

    private static Path dir;
    private static List<LogEvent> written;
    private static byte[] partBytes;
    private static int tryNumber;

    @BeforeContainer
    static void writePart() throws Exception {
        dir = Files.createTempDirectory("logline-part-fuzz");
        List<LogEvent> events = new RandomCorpus(5).events(150, 1_800_000_000_000_000L, 3_600_000_000L);
        BlockBuilder builder = new BlockBuilder(64, 1 << 20);
        try (ColumnEncoder encoder = new ColumnEncoder(3); ZstdChunks zstd = new ZstdChunks(3);
             PartWriter writer = new PartWriter(dir, 1, AtRestEncryption.NONE)) {
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
            writer.publish(7, new long[0], zstd);
        }
        Path file = dir.resolve(PartFiles.name(1));
        partBytes = Files.readAllBytes(file);
        written = readAll(file);
        List<LogEvent> expected = new ArrayList<>();
        for (LogEvent e : events) {
            expected.add(LogEventJson.parse(LogEventJson.toJson(e), 0)); // the types a store gives back
        }
        assertThat(written).isEqualTo(expected);
        Files.delete(file);
    }

    @AfterContainer
    static void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<byte[]> damagedParts() {
        return FuzzInputs.mutated(List.of(partBytes));
    }

    @Property
    void aDamagedPartIsRefusedOrReadsBackUnchanged(@ForAll("damagedParts") byte[] bytes) throws IOException {
        Path file = dir.resolve(PartFiles.name(100 + tryNumber++));
        Files.write(file, bytes);
        try {
            FuzzGuard.run(bytes.length, () -> {
                try {
                    assertThat(readAll(file)).isEqualTo(written);
                } catch (CorruptPartException e) {
                    assertThat(e.getMessage()).contains("is damaged");
                }
            });
        } finally {
            Files.delete(file);
        }
    }

    private static List<LogEvent> readAll(Path file) throws IOException {
        Part part = Part.open(file, new PartAccess(new BloomCache(1 << 20), AtRestEncryption.NONE));
        try {
            return PartRows.all(part);
        } finally {
            part.retire(false);
        }
    }
}
