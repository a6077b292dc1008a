package dev.logline.server.ingest;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyDecompressorTest {

    static final byte[] TEXT = "{\"msg\":\"hello\"}\n".repeat(50).getBytes(StandardCharsets.UTF_8);

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] b, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(b);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    @Test
    void decodesEveryEncoding() throws IOException {
        assertThat(BodyDecompressor.decode(null, TEXT, 10_000)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("identity", TEXT, 10_000)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("GZIP", gzip(TEXT), 10_000)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("deflate", deflate(TEXT, false), 10_000)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("deflate", deflate(TEXT, true), 10_000)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("zstd", Zstd.compress(TEXT), 10_000)).isEqualTo(TEXT);
    }

    @Test
    void stopsInflatingAtTheCap() throws IOException {
        byte[] bomb = gzip(new byte[5_000_000]);
        assertThat(bomb.length).isLessThan(10_000);
        assertThatThrownBy(() -> BodyDecompressor.decode("gzip", bomb, 100_000))
                .isInstanceOf(RequestTooLargeException.class).hasMessageContaining("100000 bytes");
        assertThatThrownBy(() -> BodyDecompressor.decode("zstd", Zstd.compress(new byte[5_000_000]), 100_000))
                .isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> BodyDecompressor.decode(null, TEXT, 10))
                .isInstanceOf(RequestTooLargeException.class);
    }

    @Test
    void corruptOrUnknownIsABadRequest() {
        assertThatThrownBy(() -> BodyDecompressor.decode("gzip", TEXT, 10_000)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> BodyDecompressor.decode("zstd", TEXT, 10_000)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> BodyDecompressor.decode("deflate", TEXT, 10_000)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> BodyDecompressor.decode("snappy", TEXT, 10_000))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("gzip, deflate, zstd");
    }
}
