package dev.logline.server.collect.ndjson;

import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import dev.logline.server.ingest.DecodedBatchInvariants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The native ingest decoder on damaged NDJSON and arrays and on raw bytes: a batch every time, within the limits. */
class NdjsonDecoderFuzzTest {

    @Provide
    Arbitrary<byte[]> bodies() {
        return FuzzInputs.of(CollectorSamples.ndjson(), 512);
    }

    @Property
    void everyBodyDecodesIntoItemsAndRejections(@ForAll("bodies") byte[] body) {
        FuzzGuard.run(body.length, () -> DecodedBatchInvariants.assertWellFormed(NdjsonDecoder.decode(body, 5L)));
    }
}
