package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import dev.logline.server.collect.RecordingStore;
import dev.logline.server.metrics.IngestMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one path every collector's batches take, over a store that records what it is given. */
class IngestPipelineTest {

    final RecordingStore store = new RecordingStore();
    final IngestMetrics metrics = new IngestMetrics();

    private IngestOutcome ingest(IngestLimits limits, EventRedactor redactor, DecodedBatch batch) {
        return new IngestPipeline(store, limits, metrics, redactor).ingest("t1", "test", batch, System.nanoTime()).join();
    }

    private static DecodedItem item(int n, String msg, long bytes) {
        return new DecodedItem(n, LogEvent.builder().timestamp(Instant.now()).msg(msg).build(), bytes);
    }

    /** Item 1 fits, item 2 is oversized (a 5,000-byte line), item 3 was unreadable. */
    private static DecodedBatch mixed() {
        return new DecodedBatch(List.of(item(1, "fits", 100), item(2, "x".repeat(5_000), 5_020)),
                List.of(new Rejection(3, "invalid JSON at line 1, column 2: …")));
    }

    @Test
    void oversizedEventsAreTruncatedByDefaultAndEveryItemIsAccountedFor() {
        IngestOutcome outcome = ingest(IngestLimits.defaults().withMaxEventBytes(1_000), EventRedactor.NONE, mixed());

        assertThat(outcome.accepted()).isEqualTo(2);
        assertThat(outcome.truncated()).containsExactly(2);
        assertThat(outcome.rejected()).extracting(Rejection::item).containsExactly(3);
        assertThat(store.events()).hasSize(2).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("t1"));
        assertThat(store.events().get(1).attributes()).containsEntry("_truncated", true);
        assertThat(store.events().get(1).msg().length()).isLessThan(1_000);
        assertThat(metrics.collector("test").events()).isEqualTo(2);
        assertThat(metrics.collector("test").truncated()).isEqualTo(1);
        assertThat(metrics.collector("test").rejected()).isEqualTo(1);
    }

    @Test
    void oversizedEventsAreRejectedWithAReasonWhenConfigured() {
        IngestLimits reject = IngestLimits.defaults().withMaxEventBytes(1_000).withOversized(OversizedEvents.REJECT);

        IngestOutcome outcome = ingest(reject, EventRedactor.NONE, mixed());

        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.truncated()).isEmpty();
        assertThat(outcome.rejected()).extracting(Rejection::item).containsExactly(2, 3);
        assertThat(outcome.rejection(2)).isEqualTo("event is 5020 bytes, over the limit of 1000 bytes; split it or raise maxEventBytes");
        assertThat(store.events()).extracting(LogEvent::msg).containsExactly("fits");
    }

    @Test
    void everyStoredEventPassesTheRedactorAfterTheLimits() {
        EventRedactor masking = (tenant, e) -> e.toBuilder().msg(e.msg().replace("secret", "***")).build();
        DecodedBatch batch = new DecodedBatch(List.of(item(1, "token secret", 50)), List.of());

        ingest(IngestLimits.defaults(), masking, batch);

        assertThat(store.events()).extracting(LogEvent::msg).containsExactly("token ***");
    }
}
