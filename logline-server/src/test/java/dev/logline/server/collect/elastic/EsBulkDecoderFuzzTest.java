package dev.logline.server.collect.elastic;

import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import dev.logline.server.ingest.DecodedBatchInvariants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code _bulk} decoder on damaged bulk bodies and raw bytes: a batch with one answer per action, or
 * {@link MalformedBulkException} (the documented 400) when an action line cannot be followed.
 */
class EsBulkDecoderFuzzTest {

    @Provide
    Arbitrary<byte[]> bodies() {
        return FuzzInputs.of(CollectorSamples.esBulk(), 512);
    }

    @Property
    void everyBodyDecodesOrIsRefusedWhole(@ForAll("bodies") byte[] body) {
        FuzzGuard.run(body.length, () -> {
            try {
                EsBulkDecoder.DecodedBulk bulk = EsBulkDecoder.decode(body, null, 5L);
                DecodedBatchInvariants.assertWellFormed(bulk.batch());
                assertThat(bulk.batch().size()).as("one answer per action").isEqualTo(bulk.actions().size());
            } catch (MalformedBulkException e) {
                assertThat(e.getMessage()).startsWith("Malformed action/metadata line [");
            }
        });
    }
}
