package dev.logline.server.ingest;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every decoded batch must hold, whatever the body: each item numbered once, from 1, and every rejection explained. */
public final class DecodedBatchInvariants {

    private DecodedBatchInvariants() {
    }

    /** Asserts the batch's items and rejections are numbered once each, and rejections say why. */
    public static void assertWellFormed(DecodedBatch batch) {
        Set<Integer> numbers = new HashSet<>();
        for (DecodedItem item : batch.items()) {
            assertThat(item.item()).as("item number").isPositive();
            assertThat(numbers.add(item.item())).as("item %d numbered once in %s", item.item(), batch).isTrue();
            assertThat(item.event()).isNotNull();
            assertThat(item.bytes()).isNotNegative();
        }
        for (Rejection r : batch.rejected()) {
            assertThat(r.item()).as("rejected item number").isPositive();
            assertThat(numbers.add(r.item())).as("item %d numbered once in %s", r.item(), batch).isTrue();
            assertThat(r.error()).as("why item %d was rejected", r.item()).isNotBlank();
        }
    }
}
