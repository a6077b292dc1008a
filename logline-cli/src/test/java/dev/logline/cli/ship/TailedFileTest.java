package dev.logline.cli.ship;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailedFileTest {

    @TempDir
    Path dir;

    private TailedFile open(Path file, long offset) throws Exception {
        return TailedFile.open(FileIdentity.of(file), file, offset, ShipFormat.JSON, new ContinuationRule(null), null);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void anUnfinishedLineWaitsForItsLineBreakUnlessTheFileIsComplete() throws Exception {
        Path file = dir.resolve("a.log");
        append(file, "{\"n\":1}\n{\"n\":2");
        try (TailedFile f = open(file, 0)) {
            List<FileEvent> out = new ArrayList<>();
            assertThat(f.read(out, 100, false)).as("the last line is not complete: not at the end").isFalse();
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":1}");
            assertThat(out.get(0).endOffset()).isEqualTo(8);

            append(file, "}\r\n");
            out.clear();
            assertThat(f.read(out, 100, false)).isTrue();
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":2}");
            assertThat(out.get(0).endOffset()).isEqualTo(Files.size(file));

            append(file, "{\"n\":3}");
            out.clear();
            assertThat(f.read(out, 100, true)).isTrue();
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":3}");
        }
    }

    @Test
    void readsNoMoreThanTheLimitAndContinuesWhereItStopped() throws Exception {
        Path file = dir.resolve("b.log");
        append(file, "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        try (TailedFile f = open(file, 0)) {
            List<FileEvent> out = new ArrayList<>();
            assertThat(f.read(out, 2, false)).isFalse();
            assertThat(out).hasSize(2);
            assertThat(f.read(out, 3, false)).isTrue();
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        }
    }

    @Test
    void startsAtASavedOffsetAndOverAtZeroWhenTheFileIsShorterThanIt() throws Exception {
        Path file = dir.resolve("c.log");
        append(file, "{\"n\":1}\n{\"n\":2}\n");
        try (TailedFile f = open(file, 8)) {
            List<FileEvent> out = new ArrayList<>();
            f.read(out, 10, false);
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":2}");
        }
        try (TailedFile f = open(file, 1000)) {
            assertThat(f.committedOffset()).isZero();
        }
    }

    @Test
    void truncationStartsOverFromTheBeginning() throws Exception {
        Path file = dir.resolve("d.log");
        append(file, "{\"n\":1}\n{\"n\":2}\n");
        try (TailedFile f = open(file, 0)) {
            List<FileEvent> out = new ArrayList<>();
            f.read(out, 10, false);
            f.acknowledge(out.get(1).endOffset());
            Files.writeString(file, "{\"n\":3}\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            out.clear();
            f.read(out, 10, false);
            assertThat(f.takeTruncation()).isTrue();
            assertThat(f.takeTruncation()).as("cleared once taken").isFalse();
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":3}");
            assertThat(f.committedOffset()).isZero();
        }
    }

    @Test
    void aRenamedFileIsStillReadThroughItsOpenChannel() throws Exception {
        Path file = dir.resolve("e.log");
        append(file, "{\"n\":1}\n");
        try (TailedFile f = open(file, 0)) {
            Path rotated = dir.resolve("e.log.1");
            Files.move(file, rotated);
            append(rotated, "{\"n\":2}\n");
            List<FileEvent> out = new ArrayList<>();
            f.read(out, 10, false);
            assertThat(out).extracting(FileEvent::json).containsExactly("{\"n\":1}", "{\"n\":2}");
            assertThat(FileIdentity.of(rotated)).isEqualTo(f.identity());
        }
    }

    @Test
    void anOverlongLineIsCutAtTheLimit() throws Exception {
        Path file = dir.resolve("f.log");
        append(file, "x".repeat(TailedFile.MAX_LINE_BYTES + 10) + "\n");
        try (TailedFile f = open(file, 0)) {
            List<FileEvent> out = new ArrayList<>();
            f.read(out, 10, false);
            assertThat(out).hasSize(2);
            assertThat(out.get(0).json()).hasSize(TailedFile.MAX_LINE_BYTES);
            assertThat(out.get(1).json()).hasSize(10);
        }
    }
}
