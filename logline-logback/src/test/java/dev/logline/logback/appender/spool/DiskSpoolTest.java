package dev.logline.logback.appender.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskSpoolTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final SpoolListener listener = new SpoolListener() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void dropped(long events) {
            dropped.addAndGet(events);
        }
    };

    private static List<byte[]> lines(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(("{\"msg\":\"event " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> drain(DiskSpool spool) throws IOException {
        List<String> out = new ArrayList<>();
        while (true) {
            SpoolBatch b = spool.read(7);
            if (b.isEmpty()) {
                return out;
            }
            b.lines().forEach(l -> out.add(new String(l, StandardCharsets.UTF_8).trim()));
            spool.commit(b);
        }
    }

    private static String event(int i) {
        return "{\"msg\":\"event " + i + "\"}";
    }

    private static List<String> events(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(event(i));
        }
        return out;
    }

    @Test
    void readsBackEverythingInOrderAcrossSegmentsAndDeletesDeliveredFiles() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 4_000, listener)) {
            spool.append(lines(0, 40));
            spool.append(lines(40, 60));
            assertThat(spool.segmentSizes()).hasSizeGreaterThan(1);
            assertThat(spool.isEmpty()).isFalse();
            assertThat(drain(spool)).isEqualTo(events(0, 60));
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.bytes()).isZero();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".spool"));
        }
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aRestartReplaysWhatWasNotCommittedAndNothingThatWas() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(0, 20));
            SpoolBatch delivered = spool.read(5);
            spool.commit(delivered);
            SpoolBatch inFlight = spool.read(5);
            assertThat(inFlight.lines()).hasSize(5);
            // closed before inFlight was delivered, as when the application stops mid-send
        }
        try (DiskSpool reopened = DiskSpool.open(dir, 1_000_000, listener)) {
            assertThat(drain(reopened)).isEqualTo(events(5, 20));
        }
    }

    @Test
    void overTheCapTheOldestSegmentsAreDroppedAndCounted() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 2_000, listener)) {
            spool.append(lines(0, 200));
            assertThat(spool.bytes()).isLessThanOrEqualTo(2_000);
            List<String> left = drain(spool);
            assertThat(left).isNotEmpty().endsWith(event(199));
            int firstKept = Integer.parseInt(left.get(0).replaceAll("\\D", ""));
            // exactly the events before the first survivor were dropped, and all of them were counted
            assertThat(dropped.get()).isEqualTo(firstKept);
            assertThat(left).isEqualTo(events(firstKept, 200));
        }
    }

    @Test
    void aBatchInFlightIsNotCountedAsDroppedAndTheSpoolSaysWhenItsFramesAreGone() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 2_000, listener)) {
            spool.append(lines(0, 20));
            SpoolBatch inFlight = spool.read(5);
            assertThat(spool.holds(inFlight)).isTrue();
            spool.append(lines(20, 200));
            assertThat(spool.holds(inFlight)).isFalse();
            List<String> left = drain(spool);
            int firstKept = Integer.parseInt(left.get(0).replaceAll("\\D", ""));
            // everything up to the first survivor was dropped, except the five in flight
            assertThat(dropped.get()).isEqualTo(firstKept - 5);
        }
    }

    @Test
    void aCorruptFrameSkipsTheRestOfItsSegmentWithAWarning() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(0, 10));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        int frame = 8 + event(0).length() + 1;
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(3L * frame + 10); // inside the fourth event's payload
            f.write('X');
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(10, 12));
            assertThat(drain(spool)).containsExactly(event(0), event(1), event(2), event(10), event(11));
        }
        assertThat(warnings).singleElement().asString().contains("corrupt or truncated").contains(segment.toString());
    }

    @Test
    void aTruncatedTailIsSkippedToo() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(0, 3));
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(f.length() - 4); // a crash mid-write
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            assertThat(drain(spool)).containsExactly(event(0), event(1));
        }
        assertThat(warnings).hasSize(1);
    }

    @Test
    void prependedLinesComeBeforeEverythingElse() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(10, 20));
            spool.commit(spool.read(3));
            spool.prepend(lines(0, 5));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            List<String> expected = new ArrayList<>(events(0, 5));
            expected.addAll(events(13, 20));
            assertThat(drain(spool)).isEqualTo(expected);
        }
    }

    @Test
    void oneDirectoryServesOneSpoolAtATime() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            assertThatThrownBy(() -> DiskSpool.open(dir, 1_000_000, listener))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        DiskSpool.open(dir, 1_000_000, listener).close();
    }

    /** Found by DiskSpoolFuzzTest: a non-ASCII byte in spool.ack made open fail, so the appender had no spool at all. */
    @Test
    void anAckFileThatIsNotTextIsIgnoredWithAWarning() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(0, 3));
        }
        Files.write(dir.resolve("spool.ack"), new byte[] {(byte) 0xFF, '1', ' ', '0'});
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            assertThat(drain(spool)).isEqualTo(events(0, 3));
        }
        assertThat(warnings).anyMatch(w -> w.contains("ignoring unreadable") && w.contains("spool.ack"));
    }
}
