package dev.logline.bench.appender;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every peer of the appender benchmark really ships what is logged to its sink (the benchmark measures a working path). */
class AppenderPeersTest {

    private static final int EVENTS = 10;

    private static boolean await(LongSupplier value, long atLeast) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (value.getAsLong() < atLeast && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return value.getAsLong() >= atLeast;
    }

    /** Logs the benchmark's event {@link #EVENTS} times through one peer's logger. */
    private static void logEvents(Runnable logOnce) {
        for (int i = 0; i < EVENTS; i++) {
            logOnce.run();
        }
    }

    @Test
    void loglineAppenderDeliversEveryEventToTheHttpSink() throws Exception {
        LoglinePeer peer = new LoglinePeer();
        peer.start();
        try {
            logEvents(() -> peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER));
            assertThat(await(peer::received, EVENTS)).isTrue();
            assertThat(peer.received()).isEqualTo(EVENTS);
        } finally {
            peer.stop();
        }
    }

    @Test
    void logstashAppenderWritesJsonToTheTcpSink() throws Exception {
        LogstashPeer peer = new LogstashPeer();
        peer.start();
        try {
            logEvents(() -> peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER));
            // each LogstashEncoder line is well over 100 bytes
            assertThat(await(peer::received, EVENTS * 100L)).isTrue();
        } finally {
            peer.stop();
        }
    }

    @Test
    void log4jAsyncLoggerRunsTheEcsLayout() throws Exception {
        Log4jPeer peer = new Log4jPeer();
        peer.start();
        try {
            logEvents(() -> peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER));
            assertThat(await(peer::received, EVENTS * 100L)).isTrue();
        } finally {
            peer.stop();
        }
    }

    @Test
    void theFloorPeerPreparesEveryEventAndKeepsNone() {
        FloorPeer peer = new FloorPeer();
        peer.start();
        try {
            logEvents(() -> peer.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER));
            assertThat(peer.prepared()).isEqualTo(EVENTS);
        } finally {
            peer.stop();
        }
    }
}
