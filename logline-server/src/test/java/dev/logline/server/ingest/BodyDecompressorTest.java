package dev.logline.server.ingest;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyDecompressorTest {

    private static final byte[] TEXT = "{\"msg\":\"hello\"}\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final int LIMIT = 1 << 20;

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
            z.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    @Test
    void undoesEveryEncodingPeersSend() throws IOException {
        assertThat(BodyDecompressor.decode(null, TEXT, LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("", TEXT, LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("identity", TEXT, LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("GZIP", gzip(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("x-gzip", gzip(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("deflate", deflate(TEXT, false), LIMIT)).as("zlib-wrapped").isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("deflate", deflate(TEXT, true), LIMIT)).as("raw deflate").isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("zstd", Zstd.compress(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.decode("snappy", Snappy.compress(TEXT), LIMIT)).isEqualTo(TEXT);
        assertThat(BodyDecompressor.unsnappy(Snappy.compress(TEXT), LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void undoesStackedEncodingsInReverseOrder() throws IOException {
        byte[] twice = Zstd.compress(gzip(TEXT)); // gzip applied first, then zstd
        assertThat(BodyDecompressor.decode("gzip, zstd", twice, LIMIT)).isEqualTo(TEXT);
    }

    @Test
    void compressionBombsStopAtTheCapAsTooLarge() throws IOException {
        byte[] zeros = new byte[8 * 1024 * 1024];
        for (String encoding : new String[] {"gzip", "zstd", "snappy", "deflate"}) {
            byte[] bomb = switch (encoding) {
                case "gzip" -> gzip(zeros);
                case "zstd" -> Zstd.compress(zeros);
                case "snappy" -> Snappy.compress(zeros);
                default -> deflate(zeros, false);
            };
            assertThat(bomb.length).isLessThan(LIMIT);
            assertThatThrownBy(() -> BodyDecompressor.decode(encoding, bomb, LIMIT))
                    .as(encoding).isInstanceOf(RequestTooLargeException.class).hasMessageContaining(LIMIT + " bytes");
        }
        assertThatThrownBy(() -> BodyDecompressor.unsnappy(Snappy.compress(zeros), LIMIT))
                .isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> BodyDecompressor.decode(null, TEXT, 10)).isInstanceOf(RequestTooLargeException.class);
    }

    @Test
    void corruptOrUnknownEncodingsAreBadRequestsNamingTheEncoding() throws IOException {
        assertThatThrownBy(() -> BodyDecompressor.decode("br", TEXT, LIMIT))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("unsupported Content-Encoding 'br'").hasMessageContaining("gzip, deflate, zstd");
        for (String encoding : new String[] {"gzip", "zstd", "snappy", "deflate"}) {
            assertThatThrownBy(() -> BodyDecompressor.decode(encoding, TEXT, LIMIT))
                    .as(encoding).isInstanceOf(BadRequestException.class).hasMessageContaining(encoding);
        }
        byte[] gz = gzip(TEXT);
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> BodyDecompressor.decode("gzip", truncated, LIMIT))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("truncated");
    }

    @Test
    void bothFailuresAreTheSendersProblem() {
        // Collectors that answer every unreadable body alike catch IllegalArgumentException.
        assertThat(new RequestTooLargeException(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new BadRequestException("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
