package dev.logline.store.columnar.wal;

import dev.logline.core.LogEvent;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.store.RandomCorpus;
import dev.logline.store.columnar.encoding.AtRestEncryption;
import dev.logline.store.columnar.encoding.ByteSink;
import dev.logline.store.columnar.encoding.CorruptDataException;
import dev.logline.store.columnar.record.EventRecord;
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
 * The write-ahead log's reader on damaged segments: recovery skips corrupt frames and cuts a torn tail, so every frame
 * it replays is one that was written, unchanged, in sequence order — never a changed one, an exception, or a hang.
 * Frame bodies whose checksum was forged are read record by record with {@link CorruptDataException} as the only
 * failure.
 */
class WalFuzzTest {

    private static Path dir;
    private static List<WalFrame> written;
    private static byte[] segment;
    private static String segmentName;
    private static int tryNumber;

    @BeforeContainer
    static void writeLog() throws Exception {
        dir = Files.createTempDirectory("logline-wal-fuzz");
        Path wal = dir.resolve("original");
        List<LogEvent> events = new RandomCorpus(3).events(40, 1_800_000_000_000_000L, 3_600_000_000L);
        try (WriteAheadLog log = WriteAheadLog.open(wal, 1 << 20, AtRestEncryption.NONE, f -> { }, a -> { })) {
            for (int i = 0; i < events.size(); i += 8) {
                log.append(new WriteAheadLog.Append(body("tenant-" + i, events.subList(i, i + 8)), 8)).join();
            }
        }
        written = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(wal, 1 << 20, AtRestEncryption.NONE, written::add, a -> { })) {
            assertThat(log.recovery().foundDamage()).isFalse();
        }
        assertThat(written).hasSize(5);
        try (Stream<Path> s = Files.list(wal)) {
            Path file = s.filter(p -> p.toString().endsWith(".wal")).filter(p -> p.toFile().length() > 0)
                    .sorted().findFirst().orElseThrow();
            segment = Files.readAllBytes(file);
            segmentName = file.getFileName().toString();
        }
    }

    @AfterContainer
    static void clean() throws IOException {
        delete(dir);
    }

    @Provide
    Arbitrary<byte[]> damagedSegments() {
        return FuzzInputs.mutated(List.of(segment));
    }

    @Provide
    Arbitrary<byte[]> damagedBodies() {
        return FuzzInputs.of(written.stream().map(WalFrame::body).toList(), 256);
    }

    @Property
    void recoveryReplaysOnlyFramesThatWereWritten(@ForAll("damagedSegments") byte[] bytes) throws IOException {
        Path wal = dir.resolve("try-" + tryNumber++);
        Files.createDirectories(wal);
        Files.write(wal.resolve(segmentName), bytes);
        try {
            FuzzGuard.run(bytes.length, () -> {
                List<WalFrame> replayed = new ArrayList<>();
                try (WriteAheadLog log = WriteAheadLog.open(wal, 1 << 20, AtRestEncryption.NONE, replayed::add, a -> { })) {
                    assertThat(log.recovery().framesRead()).isEqualTo(replayed.size());
                }
                long lastSeq = 0;
                for (WalFrame f : replayed) {
                    assertThat(f.seq()).isGreaterThan(lastSeq);
                    lastSeq = f.seq();
                    WalFrame original = written.stream().filter(w -> w.seq() == f.seq()).findFirst().orElse(null);
                    assertThat(original).as("frame %d was written", f.seq()).isNotNull();
                    assertThat(f.body()).as("frame %d unchanged", f.seq()).isEqualTo(original.body());
                }
            });
        } finally {
            delete(wal);
        }
    }

    @Property
    void aForgedFrameBodyReadsOrIsCorrupt(@ForAll("damagedBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            try {
                WalFrame.tenant(body);
                WalFrame.forEachRecord(body, (b, off, len, i) -> {
                    EventRecord.stream(b, off, len);
                    assertThat(EventRecord.read(b, off, len).tsMicros()).isEqualTo(EventRecord.ts(b, off));
                });
            } catch (CorruptDataException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    private static byte[] body(String tenant, List<LogEvent> events) {
        ByteSink out = new ByteSink();
        WalFrame.beginBody(out, tenant, events.size());
        for (LogEvent e : events) {
            int at = WalFrame.beginRecord(out);
            EventRecord.write(e, out);
            WalFrame.endRecord(out, at);
        }
        return out.toByteArray();
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
