package dev.logline.logback.appender.spool;

import dev.logline.core.crypto.EncryptionKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The spool sealed with {@link EncryptionKeys}: nothing in clear on disk, rotation, and data from before either. */
class EncryptedSpoolTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final SpoolListener listener = new SpoolListener() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void dropped(long events) {
        }
    };

    private static final String K1 = EncryptionKeys.newEntry("k1");
    private static final String K2 = EncryptionKeys.newEntry("k2");

    private static List<byte[]> lines(int from, int to) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(("{\"msg\":\"card ending 4242 for order " + i + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<String> texts(int from, int to) {
        List<String> out = new ArrayList<>();
        lines(from, to).forEach(l -> out.add(new String(l, StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> drain(DiskSpool spool) throws IOException {
        List<String> out = new ArrayList<>();
        for (SpoolBatch b = spool.read(5); !b.isEmpty(); b = spool.read(5)) {
            b.lines().forEach(l -> out.add(new String(l, StandardCharsets.UTF_8)));
            spool.commit(b);
        }
        return out;
    }

    private String bytesOnDisk() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                b.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    @Test
    void noEventTextIsOnDiskAndEverythingComesBack() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "test"))) {
            spool.append(lines(0, 20));
            spool.prepend(lines(100, 102));
        }
        assertThat(bytesOnDisk()).doesNotContain("card", "order", "msg", "4242").contains("LE");
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "test"))) {
            List<String> expected = texts(100, 102);
            expected.addAll(texts(0, 20));
            assertThat(drain(spool)).isEqualTo(expected);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void afterRotationOldFramesOpenWithTheOldKeyAndNewOnesAreSealedWithTheNew() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "before"))) {
            spool.append(lines(0, 10));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K2 + "\n" + K1, "rotated"))) {
            spool.append(lines(10, 20));
            assertThat(drain(spool)).isEqualTo(texts(0, 20));
            spool.append(lines(20, 25));
        }
        assertThat(bytesOnDisk()).contains("LE\u0001\u0002k2").doesNotContain("LE\u0001\u0002k1");
        // Drained of everything k1 sealed, the old key can go.
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K2, "after"))) {
            assertThat(drain(spool)).isEqualTo(texts(20, 25));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void aFrameSealedWithAMissingKeyIsSkippedNamingTheKey() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "before"))) {
            spool.append(lines(0, 3));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K2, "wrong"))) {
            assertThat(drain(spool)).isEmpty();
        }
        assertThat(warnings).singleElement().asString().contains("key 'k1'", "not among the loaded keys [k2]");
        warnings.clear();
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "x"))) {
            spool.append(lines(0, 1));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            assertThat(drain(spool)).isEmpty();
        }
        assertThat(warnings).singleElement().asString().contains("has no spoolKeys");
    }

    @Test
    void aPlainSpoolFromBeforeEncryptionWasOnStillDrains() throws IOException {
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener)) {
            spool.append(lines(0, 5));
        }
        try (DiskSpool spool = DiskSpool.open(dir, 1_000_000, listener, EncryptionKeys.parse(K1, "now"))) {
            spool.append(lines(5, 8));
            assertThat(drain(spool)).isEqualTo(texts(0, 8));
        }
    }
}
