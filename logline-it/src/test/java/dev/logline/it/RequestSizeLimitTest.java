package dev.logline.it;

import ch.qos.logback.core.status.Status;
import dev.logline.core.LogEvent;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose request limit is smaller than the appender's batches: its 413 answers make the appender send each
 * batch again in halves, so every event arrives once and in order; only an event larger than the limit on its own
 * is dropped, counted as rejected.
 */
class RequestSizeLimitTest {

    private static final long MAX_REQUEST_BYTES = 20_000;

    @TempDir
    Path data;
    @TempDir
    Path spool;

    @Test
    void batchesOverTheServersLimitAreSplitAndAnEventOverItIsDroppedAlone() throws Exception {
        List<LogEvent> arrivals = WriteOrderRecorder.newRecord();
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data));
             LoglineServer server = LoglineServer.builder()
                     .config(ServerConfig.defaults().withPort(0)
                             .withLimits(IngestLimits.defaults().withMaxRequestBytes(MAX_REQUEST_BYTES)))
                     .store(new WriteOrderRecorder(store, arrivals)).build().start()) {
            int total = 1_000;
            int huge = 400;
            LoglineAppender appender;
            List<String> warnings;
            // batches of 1,000 events of about 300 bytes: some 15 times the server's limit
            try (ShippingApp app = ShippingApp.start("http://127.0.0.1:" + server.port(), spool,
                    Map.of("batchSize", "1000"))) {
                appender = app.appender();
                Logger log = app.logger("shop.orders");
                for (int i = 0; i < total; i++) {
                    if (i == huge) {
                        log.atInfo().addKeyValue("worker", 0).addKeyValue("seq", i)
                                .log("attachment {}", "x".repeat((int) MAX_REQUEST_BYTES));
                    } else {
                        log.atInfo().addKeyValue("worker", 0).addKeyValue("seq", i).log("order {}", i);
                    }
                }
                assertThat(RunningServer.await(() -> appender.metrics().getSent() + appender.metrics().getRejected()
                        >= total, Duration.ofSeconds(30))).as(appender.metrics().summary()).isTrue();
                warnings = app.statuses(Status.WARN);
            }
            assertThat(appender.metrics().getSent()).isEqualTo(total - 1);
            assertThat(appender.metrics().getRejected()).isEqualTo(1);
            assertThat(appender.metrics().getDropped()).isEqualTo(1);
            assertThat(warnings).anyMatch(m -> m.contains("413") && m.contains("in halves"));
            assertThat(warnings).anyMatch(m -> m.contains("too large and dropped"));

            List<Long> seqs = arrivals.stream().map(Deliveries::seq).toList();
            assertThat(seqs).hasSize(total - 1).doesNotContain((long) huge).doesNotHaveDuplicates().isSorted();
        }
    }
}
