package dev.logline.logback.appender;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.core.JsonParser;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoglineAppenderTest {

    @TempDir
    Path spoolDir;

    private final LoggerContext context = new LoggerContext();
    private final Logger log = context.getLogger("shop.orders");
    private IngestReceiver receiver;
    private final List<LoglineAppender> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
        receiver = new IngestReceiver();
    }

    @AfterEach
    void tearDown() {
        started.forEach(LoglineAppender::stop);
        receiver.close();
        context.stop();
    }

    private LoglineAppender appender(String url) {
        LoglineAppender a = new LoglineAppender();
        a.setContext(context);
        a.setName("test-" + started.size());
        a.setUrl(url);
        a.setService("orders");
        a.setLingerMs(5);
        a.setBatchSize(100);
        a.setSpoolDir(spoolDir.toString());
        a.setMaxBackoffMs(200);
        a.setFlushTimeoutMs(3000);
        return a;
    }

    private LoglineAppender attach(LoglineAppender a) {
        a.start();
        started.add(a);
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(a);
        return a;
    }

    private List<String> messages() {
        List<String> out = new ArrayList<>();
        for (String line : receiver.lines()) {
            out.add(LogEventJson.parse(line, 0).msg());
        }
        return out;
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private List<String> statuses(int level) {
        List<String> out = new ArrayList<>();
        for (Status s : context.getStatusManager().getCopyOfStatusList()) {
            if (s.getLevel() == level) {
                out.add(s.getMessage());
            }
        }
        return out;
    }

    @Test
    void deliversEveryEventOnceInOrderAsGzippedNdjsonWithTheApiKey() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setApiKey("k-123");
        attach(a);
        for (int i = 0; i < 500; i++) {
            log.info("event {}", i);
        }
        assertThat(IngestReceiver.await(() -> a.metrics().getSent() == 500, 10_000)).isTrue();
        assertThat(messages()).isEqualTo(numbered("event ", 500));
        IngestReceiver.Request first = receiver.requests().get(0);
        assertThat(first.path()).isEqualTo("/api/v1/ingest");
        assertThat(first.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(first.header("Authorization")).isEqualTo("Bearer k-123");
        assertThat(first.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(LogEventJson.parse(receiver.lines().get(0), 0).service()).isEqualTo("orders");
        assertThat(a.metrics().getSent()).isEqualTo(500);
        assertThat(a.metrics().getDropped()).isZero();
    }

    @Test
    void zstdBodiesAreDecodedByTheReceiver() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setCompression("zstd");
        attach(a);
        log.warn("compressed with zstd");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() == 1, 5_000)).isTrue();
        assertThat(receiver.requests().get(0).header("Content-Encoding")).isEqualTo("zstd");
        assertThat(messages()).containsExactly("compressed with zstd");
    }

    @Test
    void retriesAfter503And429HonouringRetryAfterWithoutLosingOrDuplicating() throws Exception {
        receiver.answerNext(new IngestReceiver.Answer(503, "{\"error\":\"busy\"}", "1"),
                new IngestReceiver.Answer(429, "{\"error\":\"slow down\"}", "0"));
        LoglineAppender a = attach(appender(receiver.url()));
        for (int i = 0; i < 20; i++) {
            log.info("event {}", i);
        }
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 20, 10_000)).isTrue();
        Thread.sleep(100); // a duplicate would arrive right behind
        assertThat(messages()).isEqualTo(numbered("event ", 20));
        assertThat(a.metrics().getFailed()).isEqualTo(2);
        assertThat(a.metrics().getLastError()).contains("429");
        assertThat(statuses(Status.WARN)).anyMatch(m -> m.contains("503") && m.contains("retrying"));
    }

    @Test
    void aPoisonBatchIsDroppedCountedAndReportedOnceThenShippingGoesOn() throws Exception {
        receiver.answerNext(new IngestReceiver.Answer(422, "{\"error\":\"bad batch\"}", null));
        LoglineAppender a = attach(appender(receiver.url()));
        log.info("poisoned");
        assertThat(IngestReceiver.await(() -> a.metrics().getDropped() == 1, 5_000)).isTrue();
        log.info("after");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() == 1, 5_000)).isTrue();
        assertThat(messages()).containsExactly("after");
        assertThat(receiver.requests()).hasSize(2);
        assertThat(a.metrics().getRejected()).isEqualTo(1);
        assertThat(statuses(Status.ERROR)).singleElement().asString().contains("422").contains("bad batch");
    }

    @Test
    void aRefusedKeyLosesNothingTheEventsWaitAndAreSentWhenItIsAccepted() throws Exception {
        receiver.answerNext(new IngestReceiver.Answer(401, "{\"error\":\"no API key\"}", null),
                new IngestReceiver.Answer(403, "{\"error\":\"key revoked\"}", null));
        LoglineAppender a = attach(appender(receiver.url()));
        log.info("held back");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() == 1, 10_000)).as(a.metrics().summary()).isTrue();
        assertThat(messages()).containsExactly("held back");
        assertThat(a.metrics().getDropped()).isZero();
        // The receiver has the line before its answer reaches the sender, which then clears the flag.
        assertThat(IngestReceiver.await(() -> !a.metrics().isWaitingForApiKey(), 5_000)).isTrue();
        assertThat(statuses(Status.ERROR)).anyMatch(m -> m.contains("refused the API key") && m.contains("401")
                && m.contains("Nothing is dropped"));
    }

    @Test
    void linesTheServerRejectsAreDroppedAndCountedTheRestDelivered() throws Exception {
        LoglineAppender a = attach(appender(receiver.url()));
        log.info("good 1");
        log.info(IngestReceiver.REJECT_MARKER);
        log.info("good 2");
        assertThat(IngestReceiver.await(() -> a.metrics().getSent() == 2 && a.metrics().getRejected() == 1,
                5_000)).isTrue();
        assertThat(messages()).containsExactly("good 1", "good 2");
        assertThat(statuses(Status.WARN)).anyMatch(m -> m.contains("rejected 1 of") && m.contains("not wanted"));
    }

    @Test
    void withTheServerAwayEventsAreSpooledAndANewAppenderReplaysThemInOrder() throws Exception {
        String deadUrl = receiver.url();
        receiver.close();
        LoglineAppender a = attach(appender(deadUrl));
        for (int i = 0; i < 50; i++) {
            log.info("event {}", i);
        }
        a.stop();
        assertThat(a.metrics().getSpooled()).isEqualTo(50);
        assertThat(a.metrics().getFailed()).isPositive();
        assertThat(a.metrics().getDropped()).isZero();

        receiver = new IngestReceiver();
        LoglineAppender restarted = attach(appender(receiver.url()));
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 50, 10_000)).isTrue();
        log.info("after restart");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 51, 5_000)).isTrue();
        List<String> expected = numbered("event ", 50);
        expected.add("after restart");
        assertThat(messages()).isEqualTo(expected);
        assertThat(restarted.metrics().getSpoolBytes()).isZero();
    }

    @Test
    void anEncryptedSpoolHoldsNoEventTextAndAfterARotationStillReplaysInOrder() throws Exception {
        String k1 = dev.logline.core.crypto.EncryptionKeys.newEntry("k1");
        String k2 = dev.logline.core.crypto.EncryptionKeys.newEntry("k2");
        String deadUrl = receiver.url();
        receiver.close();
        LoglineAppender a = appender(deadUrl);
        a.setSpoolKeys(k1);
        attach(a);
        for (int i = 0; i < 30; i++) {
            log.info("order ORD-{} shipped to Baker Street", i);
        }
        a.stop();
        assertThat(a.metrics().getSpooled()).isEqualTo(30);
        assertThat(spoolFileText()).doesNotContain("Baker", "ORD-", "orders", "shop.orders").isNotEmpty();

        // Rotation: the new key first, the old one still loaded to open what it sealed.
        receiver = new IngestReceiver();
        LoglineAppender rotated = appender(receiver.url());
        rotated.setSpoolKeys(k2 + "\n" + k1);
        attach(rotated);
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 30, 10_000)).isTrue();
        assertThat(messages()).isEqualTo(numberedShipments(30));
        assertThat(statuses(Status.WARN)).noneMatch(m -> m.contains("cannot be read"));
    }

    @Test
    void keysThatCannotBeLoadedMeanNoSpoolNeverAPlainOne() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setSpoolKeys("env:LOGLINE_TEST_KEYS_THAT_ARE_NOT_SET");
        attach(a);
        assertThat(statuses(Status.ERROR)).anyMatch(m -> m.contains("spoolKeys reads the environment variable "
                + "LOGLINE_TEST_KEYS_THAT_ARE_NOT_SET") && m.contains("running without a spool"));
        log.info("still shipped");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 1, 5_000)).isTrue();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(spoolDir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private String spoolFileText() throws IOException {
        StringBuilder b = new StringBuilder();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(spoolDir)) {
            for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                b.append(new String(java.nio.file.Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    private static List<String> numberedShipments(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("order ORD-" + i + " shipped to Baker Street");
        }
        return out;
    }

    @Test
    void aReceiverBackFromAnOutageIsNoticedByTheProbeNotTheNextBackoffStep() throws Exception {
        int port = receiver.port();
        receiver.close();
        LoglineAppender a = appender("http://127.0.0.1:" + port);
        a.setMaxBackoffMs(30_000);
        attach(a);
        for (int i = 0; i < 30; i++) {
            log.info("event {}", i);
        }
        // Connections are refused until the backoff has grown: the next step waits 12.8-25.6 s.
        assertThat(IngestReceiver.await(() -> a.metrics().getFailed() >= 8, 40_000)).isTrue();
        receiver = new IngestReceiver(port);
        // A probe every 2 s finds the receiver long before that step ends.
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 30, 8_000))
                .as("%s", a.metrics().summary()).isTrue();
        assertThat(messages()).isEqualTo(numbered("event ", 30));
        assertThat(IngestReceiver.await(() -> a.metrics().getSpoolBytes() == 0, 2_000)).isTrue();
    }

    @Test
    void stopDeliversTheSpoolAsWellAsTheQueueWithinItsBound() throws Exception {
        // The receiver asks for a minute's pause; the events wait in the spool. stop() does not wait that out.
        receiver.answerNext(new IngestReceiver.Answer(503, "{\"error\":\"restarting\"}", "60"));
        LoglineAppender a = attach(appender(receiver.url()));
        for (int i = 0; i < 40; i++) {
            log.info("event {}", i);
        }
        assertThat(IngestReceiver.await(() -> a.metrics().getFailed() == 1 && a.metrics().getSpoolBytes() > 0,
                5_000)).isTrue();
        log.info("queued at stop");
        a.stop();
        List<String> expected = numbered("event ", 40);
        expected.add("queued at stop");
        assertThat(messages()).isEqualTo(expected);
        assertThat(a.metrics().getSent()).isEqualTo(41);
        assertThat(a.metrics().getDropped()).isZero();
    }

    @Test
    void anOverflowingQueueSpillsToDiskAndOrderIsKept() throws Exception {
        receiver.hold();
        LoglineAppender a = appender(receiver.url());
        a.setQueueSize(5);
        a.setBatchSize(5);
        attach(a);
        for (int i = 0; i < 200; i++) {
            log.info("event {}", i);
        }
        assertThat(a.metrics().getSpooled()).isPositive();
        receiver.open();
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 200, 10_000)).isTrue();
        assertThat(messages()).isEqualTo(numbered("event ", 200));
        assertThat(a.metrics().getDropped()).isZero();
    }

    @Test
    void onFullDropSacrificesTheLeastSevereEventsFirstAndCountsThem() throws Exception {
        receiver.hold();
        LoglineAppender a = appender(receiver.url());
        a.setQueueSize(10);
        a.setBatchSize(10);
        a.setLingerMs(0);
        a.setOnFull("drop");
        a.setSpoolMaxBytes(0);
        attach(a);
        log.info("first");
        assertThat(IngestReceiver.await(() -> a.metrics().getQueueDepth() == 0, 5_000)).isTrue();
        Thread.sleep(50); // let the sender get into the held request
        for (int i = 0; i < 50; i++) {
            log.debug("debug {}", i);
            if (i % 10 == 0) {
                log.error("error {}", i / 10);
            }
        }
        receiver.open();
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 11, 10_000)).isTrue();
        assertThat(messages()).contains("first", "error 0", "error 1", "error 2", "error 3", "error 4");
        assertThat(messages()).hasSize(11);
        assertThat(a.metrics().getDropped()).isEqualTo(45);
    }

    @Test
    void onFullBlockWaitsItsTimeoutThenDrops() throws Exception {
        receiver.hold();
        LoglineAppender a = appender(receiver.url());
        a.setQueueSize(2);
        a.setBatchSize(2);
        a.setLingerMs(0);
        a.setOnFull("block");
        a.setBlockTimeoutMs(30);
        a.setSpoolMaxBytes(0);
        attach(a);
        log.info("in flight");
        assertThat(IngestReceiver.await(() -> a.metrics().getQueueDepth() == 0, 5_000)).isTrue();
        Thread.sleep(50);
        log.info("queued 1");
        log.info("queued 2");
        log.info("no room");
        assertThat(a.metrics().getDropped()).isEqualTo(1);
        receiver.open();
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 3, 10_000)).isTrue();
        assertThat(messages()).containsExactly("in flight", "queued 1", "queued 2");
    }

    @Test
    void fourLoggingThreadsLoseNothingAndKeepTheirOrderUpToStop() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setQueueSize(64); // small: the threads can overflow it into the spool while the sender encodes and posts
        a.setBatchSize(50);
        attach(a);
        int perThread = 1_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String prefix = "t" + t + " ";
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    log.info(prefix + "{}", i);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        a.stop();
        // whatever stop() could not deliver in its bound is in the spool; a new appender sends it
        LoglineAppender next = attach(appender(receiver.url()));
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 4 * perThread, 20_000)).isTrue();
        next.stop();
        List<String> got = messages();
        assertThat(got).hasSize(4 * perThread);
        int[] expected = new int[4];
        for (String m : got) {
            int t = m.charAt(1) - '0';
            assertThat(m).isEqualTo("t" + t + " " + expected[t]++);
        }
        assertThat(a.metrics().getDropped()).isZero();
    }

    @Test
    void stopFlushesWithinItsBoundAndLeavesNoThreadBehind() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setLingerMs(60_000); // only stop() makes this partial batch leave
        attach(a);
        log.info("flushed by stop");
        Thread sender = a.senderThread();
        a.stop();
        assertThat(messages()).containsExactly("flushed by stop");
        assertThat(sender.isAlive()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("logline-appender-" + a.getName()) && t.isAlive());
        log.info("after stop is ignored");
        assertThat(a.metrics().getSent()).isEqualTo(1);
    }

    @Test
    void badSettingsAreReportedAndNeverThrown() {
        LoglineAppender noUrl = new LoglineAppender();
        noUrl.setContext(context);
        noUrl.setName("no-url");
        noUrl.start();
        assertThat(noUrl.isStarted()).isFalse();

        LoglineAppender odd = appender(receiver.url());
        odd.setOnFull("sometimes");
        odd.setCompression("brotli");
        odd.setQueueSize(-3);
        odd.setTransport("pigeon");
        attach(odd);
        assertThat(odd.isStarted()).isTrue();
        assertThat(statuses(Status.ERROR)).anyMatch(m -> m.contains("<url> is required"))
                .anyMatch(m -> m.contains("unknown onFull 'sometimes'"))
                .anyMatch(m -> m.contains("unknown compression 'brotli'"))
                .anyMatch(m -> m.contains("queueSize must be at least 1"))
                .anyMatch(m -> m.contains("unknown transport 'pigeon'"));
    }

    @Test
    void aTextEncoderIsReplacedByTheJsonOneWithAnError() throws Exception {
        LoglineAppender a = appender(receiver.url());
        ch.qos.logback.classic.encoder.PatternLayoutEncoder text = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%msg%n");
        text.start();
        a.setEncoder(text);
        attach(a);
        log.info("still json");
        assertThat(IngestReceiver.await(() -> receiver.lines().size() == 1, 5_000)).isTrue();
        assertThat(messages()).containsExactly("still json");
        assertThat(statuses(Status.ERROR)).anyMatch(m -> m.contains("must write JSON lines"));
    }

    @Test
    void metricsAreReadableOverJmx() throws Exception {
        LoglineAppender a = attach(appender(receiver.url()));
        log.info("counted");
        assertThat(IngestReceiver.await(() -> a.metrics().getSent() == 1, 5_000)).isTrue();
        ObjectName name = new ObjectName("dev.logline:type=LoglineAppender,name=\"" + a.getName() + "\"");
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Sent")).isEqualTo(1L);
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(name, "QueueDepth")).isEqualTo(0);
        a.stop();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(name)).isFalse();
    }

    @Test
    void worksBehindLogbacksAsyncAppender() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.start();
        started.add(a);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.addAppender(a);
        async.setDiscardingThreshold(0); // by default Logback's AsyncAppender discards INFO when 80% full
        async.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(async);
        org.slf4j.MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        try {
            for (int i = 0; i < 300; i++) {
                log.info("event {}", i);
            }
        } finally {
            org.slf4j.MDC.remove("trace_id");
        }
        async.stop();
        assertThat(IngestReceiver.await(() -> receiver.lines().size() >= 300, 10_000)).isTrue();
        assertThat(messages()).isEqualTo(numbered("event ", 300));
        assertThat(LogEventJson.parse(receiver.lines().get(0), 0).traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOtlpTransportPostsOtlpJsonLogs() throws Exception {
        LoglineAppender a = appender(receiver.url());
        a.setTransport("otlp");
        attach(a);
        log.atWarn().addKeyValue("order_id", "ORD987").addKeyValue("amount", 250L).log("order slow");
        assertThat(IngestReceiver.await(() -> a.metrics().getSent() == 1, 5_000)).isTrue();
        IngestReceiver.Request r = receiver.requests().get(0);
        assertThat(r.path()).isEqualTo("/v1/logs");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body;
        try (JsonParser p = LogEventJson.FACTORY.createParser(r.body())) {
            p.nextToken();
            body = JsonValues.readObject(p);
        }
        Map<String, Object> resourceLogs = (Map<String, Object>) ((List<Object>) body.get("resourceLogs")).get(0);
        Map<String, Object> resource = (Map<String, Object>) resourceLogs.get("resource");
        assertThat((List<Object>) resource.get("attributes")).contains(
                Map.of("key", "service.name", "value", Map.of("stringValue", "orders")));
        Map<String, Object> scope = (Map<String, Object>) ((List<Object>) resourceLogs.get("scopeLogs")).get(0);
        assertThat(scope.get("scope")).isEqualTo(Map.of("name", "shop.orders"));
        Map<String, Object> rec = (Map<String, Object>) ((List<Object>) scope.get("logRecords")).get(0);
        assertThat(rec.get("severityNumber")).isEqualTo(13L);
        assertThat(rec.get("body")).isEqualTo(Map.of("stringValue", "order slow"));
        assertThat((List<Object>) rec.get("attributes"))
                .contains(Map.of("key", "order_id", "value", Map.of("stringValue", "ORD987")))
                .contains(Map.of("key", "amount", "value", Map.of("intValue", "250")));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"timeUnixNano\":\"");
    }
}
