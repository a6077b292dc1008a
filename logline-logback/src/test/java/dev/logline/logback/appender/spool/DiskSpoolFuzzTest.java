package dev.logline.logback.appender.spool;

import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.core.fuzz.FuzzCorpus;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appender's spool reader on damaged files left by an earlier run — a segment with flipped, cut or spliced bytes,
 * and a garbled {@code spool.ack} — plain and encrypted: the spool opens, drains to empty in a bounded number of
 * reads, and delivers only lines that were spooled; what it cannot read it skips with a warning.
 */
class DiskSpoolFuzzTest {

    private static final String KEY = EncryptionKeys.newEntry("k1");

    private static Path dir;
    private static List<String> spooled;
    private static byte[] plainSegment;
    private static byte[] sealedSegment;
    private static String segmentName;
    private static int tryNumber;

    @BeforeContainer
    static void spool() throws IOException {
        dir = Files.createTempDirectory("logline-spool-fuzz");
        spooled = new ArrayList<>(List.of("{\"msg\":\"payment declined\",\"level\":\"ERROR\"}", "{\"msg\":\"ü 支付 🚨\"}",
                "{\"msg\":\"a\\nb\"}", "x"));
        FuzzCorpus.loghubLines().stream().limit(40).map(l -> "{\"msg\":\"" + l.replace("\\", "").replace("\"", "'") + "\"}")
                .forEach(spooled::add);
        plainSegment = segment(dir.resolve("plain"), null);
        sealedSegment = segment(dir.resolve("sealed"), EncryptionKeys.parse(KEY, "test"));
    }

    private static byte[] segment(Path spoolDir, EncryptionKeys keys) throws IOException {
        try (DiskSpool spool = DiskSpool.open(spoolDir, 10_000_000, silent(), keys)) {
            spool.append(spooled.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
        }
        try (Stream<Path> s = Files.list(spoolDir)) {
            Path seg = s.filter(p -> p.getFileName().toString().endsWith(".spool")).findFirst().orElseThrow();
            segmentName = seg.getFileName().toString();
            return Files.readAllBytes(seg);
        }
    }

    @AfterContainer
    static void clean() throws IOException {
        delete(dir);
    }

    @Provide
    Arbitrary<byte[]> segments() {
        return FuzzInputs.mutated(List.of(plainSegment, sealedSegment));
    }

    @Provide
    Arbitrary<String> acks() {
        String number = segmentName.substring("segment-".length(), segmentName.length() - ".spool".length());
        return FuzzInputs.text(List.of(number + " 0", number + " " + (plainSegment.length / 2), "", number + " -1"), 32);
    }

    @Property
    void aDamagedSpoolDrainsWithOnlyTheLinesSpooled(@ForAll("segments") byte[] segment, @ForAll("acks") String ack,
                                                    @ForAll boolean withKeys) throws IOException {
        Path spoolDir = dir.resolve("try-" + tryNumber++);
        Files.createDirectories(spoolDir);
        Files.write(spoolDir.resolve(segmentName), segment);
        Files.writeString(spoolDir.resolve("spool.ack"), ack, StandardCharsets.UTF_8);
        try {
            FuzzGuard.run(segment.length, () -> {
                List<String> delivered = new ArrayList<>();
                try (DiskSpool spool = DiskSpool.open(spoolDir, 10_000_000, silent(),
                        withKeys ? EncryptionKeys.parse(KEY, "test") : null)) {
                    for (int reads = 0; !spool.isEmpty(); reads++) {
                        assertThat(reads).as("reads to drain %d spooled lines", spooled.size()).isLessThan(spooled.size() + 2);
                        SpoolBatch batch = spool.read(7);
                        batch.lines().forEach(l -> delivered.add(new String(l, StandardCharsets.UTF_8)));
                        spool.commit(batch);
                    }
                }
                // Not in order: damage that copies whole frames (checksums and all) makes valid frames a reader
                // cannot tell from the originals.
                assertThat(spooled).as("delivered lines are spooled lines").containsAll(delivered);
            });
        } finally {
            delete(spoolDir);
        }
    }

    private static SpoolListener silent() {
        return new SpoolListener() {
            @Override
            public void warn(String message) {
                assertThat(message).isNotBlank();
            }

            @Override
            public void dropped(long events) {
            }
        };
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
