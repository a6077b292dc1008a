package dev.logline.store.lucene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class WriteAheadLogTest {

    @TempDir
    Path dir;

    private final List<WalFrame> replayed = new ArrayList<>();

    private WriteAheadLog open(long segmentBytes) throws Exception {
        replayed.clear();
        return WriteAheadLog.open(dir, segmentBytes, replayed::add, group -> { });
    }

    private static void append(WriteAheadLog wal, String text) {
        wal.append(new WriteAheadLog.Append("t1", List.of(), List.of(text.getBytes(StandardCharsets.UTF_8)))).join();
    }

    private List<String> replayedTexts() {
        List<String> out = new ArrayList<>();
        for (WalFrame f : replayed) {
            out.add(new String(f.eventJson().get(0), StandardCharsets.UTF_8));
        }
        return out;
    }

    private List<Path> segments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
        }
    }

    @Test
    void framesComeBackInOrderWithIncreasingSequenceAcrossRestarts() throws Exception {
        try (WriteAheadLog wal = open(1 << 20)) {
            append(wal, "a");
            append(wal, "b");
        }
        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("a", "b");
            append(wal, "c");
        }
        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("a", "b", "c");
            assertThat(replayed).extracting(WalFrame::seq).isSorted().doesNotHaveDuplicates();
            assertThat(wal.recovery().foundDamage()).isFalse();
        }
    }

    @Test
    void committedSegmentsAreDeletedButNeverTheActiveOne() throws Exception {
        try (WriteAheadLog wal = open(4096)) {
            for (int i = 0; i < 50; i++) {
                append(wal, "event " + i + " " + "x".repeat(200));
            }
            assertThat(segments().size()).isGreaterThan(2);
            wal.deleteCommittedSegments(Long.MAX_VALUE - 1);
            assertThat(segments()).hasSize(1);
            append(wal, "after trim");
        }
        try (WriteAheadLog wal = open(4096)) {
            assertThat(replayedTexts()).last().isEqualTo("after trim");
            assertThat(replayed.get(replayed.size() - 1).seq()).isEqualTo(51);
            assertThat(wal.recovery().framesRead()).isEqualTo(replayed.size());
        }
    }

    @Test
    void releasingEverythingCommittedLeavesAnEmptyActiveSegmentAndKeepsTheNumbering() throws Exception {
        try (WriteAheadLog wal = open(1 << 20)) {
            for (int i = 0; i < 10; i++) {
                append(wal, "event " + i);
            }
            wal.releaseCommitted(5);
            assertThat(wal.sizeBytes()).as("frames 6..10 are not committed yet").isPositive();
            wal.releaseCommitted(10);
            assertThat(wal.sizeBytes()).isZero();
            assertThat(segments()).hasSize(1);
        }
        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayed).isEmpty();
            append(wal, "after release");
        }
        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("after release");
            assertThat(replayed.get(0).seq()).isEqualTo(11);
        }
    }

    @Test
    void corruptFrameIsSkippedAndTornTailCut() throws Exception {
        try (WriteAheadLog wal = open(1 << 20)) {
            for (int i = 0; i < 5; i++) {
                append(wal, "frame-" + i);
            }
        }
        Path segment = segments().get(0);
        long size = Files.size(segment);
        long frame = size / 5;
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            // Flip a payload byte of the second frame, then lose half of the last frame as a crash would.
            long at = frame + WalFrame.HEADER_BYTES + 3;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xFF);
            f.setLength(size - frame / 2);
        }

        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("frame-0", "frame-2", "frame-3");
            WalRecovery r = wal.recovery();
            assertThat(r.corruptFrames()).isEqualTo(1);
            assertThat(r.corruptBytes()).isEqualTo(frame);
            assertThat(r.tornTailBytes()).isEqualTo(frame - frame / 2);
            append(wal, "new");
        }
        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("frame-0", "frame-2", "frame-3", "new");
            assertThat(wal.recovery().tornTailBytes()).isZero();
        }
    }

    @Test
    void aCorruptLengthStillFindsTheFollowingFrames() throws Exception {
        try (WriteAheadLog wal = open(1 << 20)) {
            for (int i = 0; i < 4; i++) {
                append(wal, "frame-" + i);
            }
        }
        Path segment = segments().get(0);
        long frame = Files.size(segment) / 4;
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(frame + 4);
            f.writeInt(Integer.MAX_VALUE);
        }

        try (WriteAheadLog wal = open(1 << 20)) {
            assertThat(replayedTexts()).containsExactly("frame-0", "frame-2", "frame-3");
            assertThat(wal.recovery().corruptFrames()).isEqualTo(1);
        }
    }
}
