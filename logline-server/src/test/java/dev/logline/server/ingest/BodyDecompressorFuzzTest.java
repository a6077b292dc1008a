package dev.logline.server.ingest;

import com.github.luben.zstd.Zstd;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compressed bodies, damaged, under every {@code Content-Encoding} (and stacks of them): the decoder returns at
 * most the cap, or refuses the body as bad (400) or too large (413) — both {@link IllegalArgumentException}s.
 */
class BodyDecompressorFuzzTest {

    private static final long CAP = 256 << 10;
    private static final List<String> CODINGS = List.of("gzip", "deflate", "zstd", "snappy", "identity", "gzip, zstd", "br");

    @Provide
    Arbitrary<byte[]> bodies() {
        List<byte[]> samples = new ArrayList<>();
        for (byte[] plain : CollectorSamples.ndjson().subList(0, 4)) {
            samples.add(gzip(plain));
            samples.add(deflate(plain));
            samples.add(Zstd.compress(plain));
            samples.add(snappy(plain));
            samples.add(Zstd.compress(gzip(plain)));
        }
        samples.add(gzip(new byte[(int) CAP * 4])); // a small bomb
        return FuzzInputs.of(samples, 256);
    }

    @Provide
    Arbitrary<String> codings() {
        return Arbitraries.of(CODINGS);
    }

    @Property
    void decodesWithinTheCapOrRefusesTheBody(@ForAll("bodies") byte[] body, @ForAll("codings") String coding) {
        FuzzGuard.run(body.length + CAP, () -> {
            try {
                assertThat(BodyDecompressor.decode(coding, body, CAP).length).isLessThanOrEqualTo((int) CAP);
            } catch (BadRequestException | RequestTooLargeException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    private static byte[] gzip(byte[] b) {
        return compress(b, true);
    }

    private static byte[] deflate(byte[] b) {
        return compress(b, false);
    }

    private static byte[] compress(byte[] b, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = gzip ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] snappy(byte[] b) {
        try {
            return Snappy.compress(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
