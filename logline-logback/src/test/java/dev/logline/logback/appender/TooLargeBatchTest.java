package dev.logline.logback.appender;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver that answers 413 for large bodies: the batch is sent again in halves, and only an event too large on its own is lost. */
class TooLargeBatchTest {

    private static final int BODY_LIMIT = 4_000;

    @TempDir
    Path spoolDir;

    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("shop.orders");
    private IngestReceiver receiver;
    private LoglineAppender appender;

    @BeforeEach
    void setUp() throws IOException {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        receiver = new IngestReceiver();
        receiver.limitBodyBytes(BODY_LIMIT);
        appender = new LoglineAppender();
        appender.setContext(context);
        appender.setName("too-large");
        appender.setUrl(receiver.url());
        appender.setBatchSize(200);
        // a long linger puts every event of the test in one batch, far over the receiver's limit
        appender.setLingerMs(2_000);
        appender.setSpoolDir(spoolDir.toString());
        appender.setMaxBackoffMs(200);
        appender.setJmx(false);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
    }

    @AfterEach
    void tearDown() {
        appender.stop();
        receiver.close();
        context.stop();
    }

    private List<String> messages() {
        List<String> out = new ArrayList<>();
        for (String line : receiver.lines()) {
            out.add(LogEventJson.parse(line, 0).msg());
        }
        return out;
    }

    @Test
    void aBatchAnswered413IsSplitInHalvesUntilItFitsAndArrivesOnceInOrder() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            log.info("order {} placed", i);
            expected.add("order " + i + " placed");
        }

        assertThat(IngestReceiver.await(() -> appender.metrics().getSent() == 200, 10_000))
                .as(appender.metrics().summary()).isTrue();
        assertThat(messages()).isEqualTo(expected);
        assertThat(appender.metrics().getDropped()).isZero();
        assertThat(appender.metrics().getRejected()).isZero();
        // the first request carried all 200 events and was refused; what was accepted came in smaller bodies
        assertThat(receiver.requests().get(0).body().length).isGreaterThan(BODY_LIMIT);
        assertThat(receiver.requests()).filteredOn(r -> r.body().length <= BODY_LIMIT).hasSizeGreaterThan(1);
        assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() == Status.WARN)
                .anyMatch(s -> s.getMessage().contains("413") && s.getMessage().contains("in halves"));
    }

    @Test
    void anEventTooLargeOnItsOwnIsDroppedAsRejectedAndItsNeighboursArrive() throws Exception {
        log.info("before");
        log.info("huge {}", "x".repeat(BODY_LIMIT * 2));
        log.info("after");

        assertThat(IngestReceiver.await(() -> appender.metrics().getSent() == 2
                && appender.metrics().getRejected() == 1, 10_000)).as(appender.metrics().summary()).isTrue();
        assertThat(messages()).containsExactly("before", "after");
        assertThat(appender.metrics().getDropped()).isEqualTo(1);
        assertThat(appender.metrics().getLastError()).contains("too large").contains("413");
        assertThat(context.getStatusManager().getCopyOfStatusList()).filteredOn(s -> s.getLevel() == Status.ERROR)
                .singleElement().satisfies(s -> assertThat(s.getMessage()).contains("too large and dropped"));
    }
}
