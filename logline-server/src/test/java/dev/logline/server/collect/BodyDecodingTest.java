package dev.logline.server.collect;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyDecodingTest {

    private static final byte[] TEXT = "{\"msg\":\"hello\"}\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final int LIMIT = 1 << 20;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void undoesEveryEncodingPeersSend() throws IOException {
        assertThat(BodyDecoding.decode(null, TEXT, LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("identity", TEXT, LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("gzip", gzip(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("X-GZIP", gzip(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("deflate", deflate(TEXT, false), LIMIT)).as("zlib-wrapped").isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("deflate", deflate(TEXT, true), LIMIT)).as("raw deflate").isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("zstd", Zstd.compress(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecoding.decode("snappy", Snappy.compress(TEXT), LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void undoesStackedEncodingsInReverseOrder() throws IOException {
        byte[] twice = Zstd.compress(gzip(TEXT)); // gzip applied first, then zstd
        assertThat(BodyDecoding.decode("gzip, zstd", twice, LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void compressionBombsStopAtTheLimit() throws IOException {
        byte[] zeros = new byte[8 * 1024 * 1024];
        for (String encoding : new String[] {"gzip", "zstd", "snappy", "deflate"}) {
            byte[] bomb = switch (encoding) {
                case "gzip" -> gzip(zeros);
                case "zstd" -> Zstd.compress(zeros);
                case "snappy" -> Snappy.compress(zeros);
                default -> deflate(zeros, false);
            };
            assertThat(bomb.length).isLessThan(LIMIT);
            assertThatThrownBy(() -> BodyDecoding.decode(encoding, bomb, LIMIT))
                    .as(encoding).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
        }
        assertThatThrownBy(() -> BodyDecoding.decode(null, zeros, LIMIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void corruptOrUnknownEncodingsAreClearErrors() throws IOException {
        assertThatThrownBy(() -> BodyDecoding.decode("br", TEXT, LIMIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported Content-Encoding 'br'");
        for (String encoding : new String[] {"gzip", "zstd", "snappy", "deflate"}) {
            assertThatThrownBy(() -> BodyDecoding.decode(encoding, TEXT, LIMIT))
                    .as(encoding).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(encoding);
        }
        byte[] gz = gzip(TEXT);
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> BodyDecoding.decode("gzip", truncated, LIMIT)).isInstanceOf(IllegalArgumentException.class);
    }
}
