package dev.logline.server.collect.loki;

import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.BodyDecompressor;
import dev.logline.server.ingest.DecodedBatchInvariants;
import dev.logline.server.ingest.RequestTooLargeException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loki pushes, damaged: JSON bodies, protobuf PushRequests, and snappy blocks around them. Each decodes into a batch
 * or is a {@link BadRequestException} (400) saying what is wrong; a snappy block that claims more than the cap is a
 * {@link RequestTooLargeException} (413).
 */
class LokiPushDecoderFuzzTest {

    private static final long CAP = 1 << 20;

    @Provide
    Arbitrary<byte[]> jsonBodies() {
        return FuzzInputs.of(CollectorSamples.lokiJson(), 512);
    }

    @Provide
    Arbitrary<byte[]> protobufBodies() {
        return FuzzInputs.of(CollectorSamples.lokiProtobuf(), 512);
    }

    @Provide
    Arbitrary<byte[]> snappyBodies() {
        List<byte[]> compressed = CollectorSamples.lokiProtobuf().stream().map(LokiPushDecoderFuzzTest::snappy).toList();
        return FuzzInputs.of(compressed, 512);
    }

    @Property
    void jsonDecodesOrIsABadRequest(@ForAll("jsonBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            try {
                DecodedBatchInvariants.assertWellFormed(LokiPushDecoder.decodeJson(body));
            } catch (BadRequestException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        });
    }

    @Property
    void protobufDecodesOrIsABadRequest(@ForAll("protobufBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> decodeProtobuf(body));
    }

    @Property
    void snappyBlocksInflateWithinTheCapOrAreRefused(@ForAll("snappyBodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            byte[] inflated;
            try {
                inflated = BodyDecompressor.unsnappy(body, CAP);
            } catch (BadRequestException | RequestTooLargeException e) {
                assertThat(e.getMessage()).isNotBlank();
                return;
            }
            assertThat(inflated.length).isLessThanOrEqualTo((int) CAP);
            decodeProtobuf(inflated);
        });
    }

    private static void decodeProtobuf(byte[] body) {
        try {
            DecodedBatchInvariants.assertWellFormed(LokiPushDecoder.decodeProtobuf(body));
        } catch (BadRequestException e) {
            assertThat(e.getMessage()).contains("logproto.PushRequest");
        }
    }

    private static byte[] snappy(byte[] b) {
        try {
            return Snappy.compress(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
