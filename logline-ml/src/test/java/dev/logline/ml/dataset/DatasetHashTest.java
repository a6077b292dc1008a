package dev.logline.ml.dataset;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetHashTest {

    @TempDir
    Path dir;

    @Test
    void isTheDocumentedDigestOfNamesSizesAndBlockDigests() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("b.csv"), "x,y\n1,2\n");
        Files.createDirectories(data.resolve("sub"));
        Files.writeString(data.resolve("sub/a.csv"), "z\n");

        // Written out from DatasetHash's javadoc: names in UTF-8 byte order, 0, size, SHA-256 of block digests.
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        for (String[] f : List.of(new String[]{"b.csv", "x,y\n1,2\n"}, new String[]{"sub/a.csv", "z\n"})) {
            byte[] content = f[1].getBytes(StandardCharsets.UTF_8);
            byte[] block = MessageDigest.getInstance("SHA-256").digest(content);
            expected.update(f[0].getBytes(StandardCharsets.UTF_8));
            expected.update((byte) 0);
            expected.update(ByteBuffer.allocate(8).putLong(content.length).array());
            expected.update(MessageDigest.getInstance("SHA-256").digest(block));
        }

        DatasetHash h = DatasetHash.of(data);
        assertThat(h.hash()).isEqualTo(HexFormat.of().formatHex(expected.digest()));
        assertThat(h.files()).isEqualTo(2);
        assertThat(h.bytes()).isEqualTo(10);
    }

    @Test
    void isStableAcrossRunsAndLocationsAndChangesWithOneByte() throws Exception {
        Path a = Files.createDirectories(dir.resolve("here/train"));
        Path b = Files.createDirectories(dir.resolve("elsewhere/copy"));
        // Larger than two blocks, so a change inside a later block is covered.
        byte[] big = new byte[2 * DatasetHash.BLOCK_BYTES + 12_345];
        new Random(7).nextBytes(big);
        for (Path root : List.of(a, b)) {
            Files.createDirectories(root.resolve("parts"));
            Files.write(root.resolve("parts/big.bin"), big);
            Files.writeString(root.resolve("labels.csv"), "id,label\n1,fraud\n2,ok\n");
        }

        DatasetHash first = DatasetHash.of(a);
        assertThat(DatasetHash.of(a)).isEqualTo(first);
        assertThat(DatasetHash.of(b)).isEqualTo(first);
        assertThat(first.bytes()).isEqualTo(big.length + 22L);

        try (RandomAccessFile f = new RandomAccessFile(b.resolve("parts/big.bin").toFile(), "rw")) {
            f.seek(DatasetHash.BLOCK_BYTES + 5);
            int old = f.read();
            f.seek(DatasetHash.BLOCK_BYTES + 5);
            f.write(old ^ 1);
        }
        DatasetHash changed = DatasetHash.of(b);
        assertThat(changed.hash()).isNotEqualTo(first.hash());
        assertThat(changed.bytes()).isEqualTo(first.bytes());
    }

    @Test
    void aRenamedAddedOrEmptiedFileChangesIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("d"));
        Files.writeString(data.resolve("a.txt"), "alpha");
        String original = DatasetHash.of(data).hash();

        Files.move(data.resolve("a.txt"), data.resolve("b.txt"));
        String renamed = DatasetHash.of(data).hash();
        Files.writeString(data.resolve("empty.txt"), "");
        String added = DatasetHash.of(data).hash();
        Files.writeString(data.resolve("b.txt"), "");
        String emptied = DatasetHash.of(data).hash();

        assertThat(List.of(original, renamed, added, emptied)).doesNotHaveDuplicates();
    }

    @Test
    void aFileRootIsNamedByItsFileNameAndSeveralRootsByTheirs() throws Exception {
        Path one = Files.createDirectories(dir.resolve("one"));
        Path two = Files.createDirectories(dir.resolve("two"));
        Files.writeString(one.resolve("x.csv"), "1");
        Files.writeString(two.resolve("x.csv"), "1");

        assertThat(DatasetHash.of(one.resolve("x.csv"))).isEqualTo(DatasetHash.of(two.resolve("x.csv")));
        DatasetHash both = DatasetHash.of(List.of(one, two));
        assertThat(both.files()).isEqualTo(2);
        assertThat(both.hash()).isNotEqualTo(DatasetHash.of(List.of(two, one.resolve("x.csv"))).hash());
    }

    @Test
    void aMissingRootSaysWhichAndWhatToDo() {
        assertThatThrownBy(() -> DatasetHash.of(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope").hasMessageContaining("does not exist");
    }

    @Property(tries = 30)
    void doesNotDependOnTheOrderFilesWereWritten(@ForAll @Size(min = 1, max = 6)
                                                 Map<@AlphaChars @StringLength(min = 1, max = 8) String,
                                                         @StringLength(max = 40) String> files) throws IOException {
        Path root = Files.createTempDirectory("dataset-hash");
        try {
            List<String> names = new ArrayList<>(files.keySet());
            Path forward = write(root.resolve("forward"), names, files);
            Collections.reverse(names);
            Path backward = write(root.resolve("backward"), names, files);
            assertThat(DatasetHash.of(forward)).isEqualTo(DatasetHash.of(backward));
        } finally {
            try (var walk = Files.walk(root)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path write(Path root, List<String> order, Map<String, String> files) throws IOException {
        Files.createDirectories(root.resolve("nested"));
        for (String name : order) {
            Path p = root.resolve(name.length() % 2 == 0 ? "nested/" + name : name);
            try (OutputStream out = Files.newOutputStream(p)) {
                out.write(files.get(name).getBytes(StandardCharsets.UTF_8));
            }
        }
        return root;
    }
}
