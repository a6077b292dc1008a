package dev.logline.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Step;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.logline.logback.EncoderFixture.decode;
import static dev.logline.logback.EncoderFixture.encoder;
import static dev.logline.logback.EncoderFixture.strictParse;
import static org.assertj.core.api.Assertions.assertThat;

class LoglineEncoderTest {

    private final CapturedEvents events = new CapturedEvents();
    private final LoglineEncoder enc = encoder(events.context(), e -> {
        e.setService("purchasing");
        e.setEnv("prod");
        e.setVersion("1.4.2");
    });

    @Test
    void encodesARealEventThatDecodesToTheSameValues() {
        LoggingEvent e;
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MDC.put("span_id", "00f067aa0ba902b7");
        MDC.put("user", "paul");
        try {
            e = events.capture(log -> log.atInfo().setMessage("order {} placed").addArgument("ORD987")
                    .addKeyValue("amount", 250.0).addKeyValue("items", 3).addKeyValue("gift", true)
                    .addKeyValue("big", new BigDecimal("12345678901234567890.5")).log());
        } finally {
            MDC.clear();
        }
        LogEvent d = decode(enc.encode(e));
        assertThat(d.tsMicros()).isEqualTo(LogEvent.toMicros(CapturedEvents.FIXED));
        assertThat(d.level()).isEqualTo(Level.INFO);
        assertThat(d.msg()).isEqualTo("order ORD987 placed");
        assertThat(d.service()).isEqualTo("purchasing");
        assertThat(d.env()).isEqualTo("prod");
        assertThat(d.version()).isEqualTo("1.4.2");
        assertThat(d.host()).isEqualTo("node-1");
        assertThat(d.logger()).isEqualTo("shop.purchasing.Orders");
        assertThat(d.thread()).isEqualTo("http-7");
        assertThat(d.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(d.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(d.attributes()).containsEntry("user", "paul")
                .containsEntry("amount", 250.0)
                .containsEntry("items", 3L)
                .containsEntry("gift", true)
                .containsEntry("big", 1.2345678901234567e19)
                .doesNotContainKeys("trace_id", "span_id");
    }

    @Test
    void liftsTraceIdsFromTheMdcKeysTheContextModuleUses() {
        dev.logline.context.MdcKeys.use(dev.logline.context.MdcKeys.MICROMETER);
        LogEvent d;
        MDC.put("traceId", "aaaabbbbccccddddeeeeffff00001111");
        MDC.put("spanId", "0123456789abcdef");
        MDC.put("trace_id", "not-the-configured-key");
        try {
            d = decode(enc.encode(events.capture(log -> log.info("spring style"))));
        } finally {
            MDC.clear();
            dev.logline.context.MdcKeys.use(dev.logline.context.MdcKeys.LOGLINE);
        }
        assertThat(d.traceId()).isEqualTo("aaaabbbbccccddddeeeeffff00001111");
        assertThat(d.spanId()).isEqualTo("0123456789abcdef");
        assertThat(d.attributes()).containsOnly(Map.entry("attr_trace_id", "not-the-configured-key"));
    }

    @Test
    void keepsStructuredKeyValuesTyped() {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("status", 503);
        http.put("path", "/pay");
        LoggingEvent e = events.capture(log -> log.atWarn().setMessage("upstream slow")
                .addKeyValue("http", http).addKeyValue("tries", List.of(1, 2, 3))
                .addKeyValue("ratio", 0.25f).addKeyValue("nothing", (Object) null)
                .addKeyValue("kind", Level.WARN).addKeyValue("codes", new int[] {7, 8}).log());
        Map<String, Object> json = strictParse(enc.encode(e));
        assertThat(json.get("http")).isEqualTo(Map.of("status", 503L, "path", "/pay"));
        assertThat(json.get("tries")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(json.get("ratio")).isEqualTo(0.25);
        assertThat(json).containsEntry("nothing", null);
        assertThat(json.get("kind")).isEqualTo("WARN");
        assertThat(json.get("codes")).isEqualTo(List.of(7L, 8L));
    }

    @Test
    void keepsCollidingKeysUnderThePrefixAndNeverRepeatsAKey() {
        MDC.put("msg", "from mdc");
        MDC.put("user", "mdc-user");
        LoggingEvent e;
        try {
            e = events.capture(log -> log.atInfo().setMessage("hello")
                    .addKeyValue("level", "custom").addKeyValue("user", "kv-user")
                    .addKeyValue("attr_level", "already").addKeyValue("user", "again").log());
        } finally {
            MDC.clear();
        }
        Map<String, Object> json = strictParse(enc.encode(e));
        assertThat(json).containsEntry("msg", "hello")
                .containsEntry("attr_msg", "from mdc")
                .containsEntry("level", "INFO")
                .containsEntry("attr_level", "custom")
                .containsEntry("attr_attr_level", "already")
                .containsEntry("user", "mdc-user")
                .containsEntry("attr_user", "kv-user")
                .containsEntry("attr_attr_user", "again");
        LogEvent d = LogEvent.builder().build();
        assertThat(LogEvent.COLLISION_PREFIX).isEqualTo("attr_");
        assertThat(d.attributes()).isEmpty();
    }

    @Test
    void writesMarkersAsTags() {
        var billing = MarkerFactory.getDetachedMarker("billing");
        billing.add(MarkerFactory.getDetachedMarker("audit"));
        LoggingEvent e = events.capture(log -> log.atInfo().addMarker(billing)
                .addMarker(MarkerFactory.getDetachedMarker("slow")).log("charged"));
        assertThat(strictParse(enc.encode(e)).get("tags")).isEqualTo(List.of("billing", "audit", "slow"));
    }

    @Test
    void mapsLogTraceStepsAndDurationOntoTheEvent() {
        List<Step> steps = List.of(new Step(0.6, 0.6, 132, "auth header present"), new Step(105.7, 105.1, 140, "token valid"));
        LoggingEvent e = events.capture(log -> log.atInfo().setMessage("authenticate")
                .addKeyValue("steps", steps).addKeyValue("duration_ms", 107.9).addKeyValue("user", "u1").log());
        LogEvent d = decode(enc.encode(e));
        assertThat(d.steps()).isEqualTo(steps);
        assertThat(d.durationMs()).isEqualTo(107.9);
        assertThat(d.attributes()).containsOnlyKeys("user");
    }

    @Test
    void keepsAStepsKeyValueThatIsNoStepListAsAnAttribute() {
        LoggingEvent e = events.capture(log -> log.atInfo().setMessage("m")
                .addKeyValue("steps", "three").addKeyValue("duration_ms", "slow").log());
        Map<String, Object> json = strictParse(enc.encode(e));
        assertThat(json).containsEntry("attr_steps", "three").containsEntry("attr_duration_ms", "slow")
                .doesNotContainKeys("steps", "duration_ms");
    }

    @Test
    void writesExceptionsAsStructuredErrorsWithCauseAndSuppressed() {
        IllegalStateException root = new IllegalStateException("pool exhausted");
        RuntimeException top = new RuntimeException("payment failed", root);
        top.addSuppressed(new java.io.IOException("close failed"));
        LoggingEvent e = events.capture(log -> log.error("charge failed", top));
        LogEvent d = decode(enc.encode(e));
        ErrorInfo err = d.error();
        assertThat(err.type()).isEqualTo("java.lang.RuntimeException");
        assertThat(err.message()).isEqualTo("payment failed");
        assertThat(err.stack()).startsWith("at dev.logline.logback.LoglineEncoderTest.");
        assertThat(err.hash()).matches("[0-9a-f]{8}");
        assertThat(err.cause().type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(err.cause().message()).isEqualTo("pool exhausted");
        assertThat(err.cause().stack()).contains("common frames omitted");
        @SuppressWarnings("unchecked")
        Map<String, Object> errorJson = (Map<String, Object>) strictParse(enc.encode(e)).get("error");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suppressed = (List<Map<String, Object>>) errorJson.get("suppressed");
        assertThat(suppressed).singleElement().satisfies(s -> {
            assertThat(s.get("type")).isEqualTo("java.io.IOException");
            assertThat(s.get("message")).isEqualTo("close failed");
        });
    }

    @Test
    void capsStackDepthAndLeavesOutExcludedPackages() {
        LoglineEncoder shortStacks = encoder(events.context(), c -> {
            c.setMaxStackDepth(2);
            c.setExcludePackages("org.junit, java.lang.reflect");
        });
        LoggingEvent e = events.capture(log -> log.error("boom", new IllegalArgumentException("bad")));
        String stack = decode(shortStacks.encode(e)).error().stack();
        List<String> lines = List.of(stack.split("\n"));
        assertThat(lines.stream().filter(l -> l.startsWith("at "))).hasSize(2);
        assertThat(stack).doesNotContain("at org.junit").contains("frames truncated");
        assertThat(lines.get(lines.size() - 1)).matches("\\.\\.\\. \\d+ frames (truncated|excluded)");
    }

    @Test
    void hashIsTheSameForTheSameBugFromAnotherLine() {
        LoggingEvent a = events.capture(log -> log.error("x", failure("first")));
        LoggingEvent b = events.capture(log -> log.error("x", failure("second, thrown elsewhere")));
        LoggingEvent other = events.capture(log -> log.error("x", new IllegalStateException("first")));
        String ha = decode(enc.encode(a)).error().hash();
        assertThat(decode(enc.encode(b)).error().hash()).isEqualTo(ha);
        assertThat(decode(enc.encode(other)).error().hash()).isNotEqualTo(ha);
    }

    private static RuntimeException failure(String message) {
        return new IllegalArgumentException(message);
    }

    @Test
    void survivesUnicodeControlCharactersAndHugeMessages() {
        String tricky = "naïve ☕ 𝄞 \u0000\u0001\u001f \"quoted\" back\\slash\nnew line\ttab \u2028 lone\uD800 end";
        LoggingEvent e = events.capture(log -> log.atInfo().setMessage(tricky).addKeyValue("k\"ey\n", tricky).log());
        LogEvent d = decode(enc.encode(e));
        assertThat(d.msg()).isEqualTo(tricky);
        assertThat(d.attributes()).containsEntry("k\"ey\n", tricky);

        String huge = "x".repeat(1024 * 1024 - 3) + "é☕";
        LoggingEvent big = events.capture(log -> log.info(huge));
        assertThat(decode(enc.encode(big)).msg()).isEqualTo(huge);
        // the pool must not keep the grown buffer nor leak the big event into the next one
        assertThat(enc.encode(e).length).isLessThan(2048);
    }

    @Test
    void nestsDottedKeysWhenAsked() {
        LoglineEncoder nesting = encoder(events.context(), c -> c.setDottedKeys("nest"));
        MDC.put("http.method", "GET");
        LoggingEvent e;
        try {
            e = events.capture(log -> log.atInfo().setMessage("m").addKeyValue("http.status", 500)
                    .addKeyValue("a", 1).addKeyValue("a.b", 2).addKeyValue("error.code", "E1").log());
        } finally {
            MDC.clear();
        }
        Map<String, Object> nested = strictParse(nesting.encode(e));
        assertThat(nested.get("http")).isEqualTo(Map.of("method", "GET", "status", 500L));
        assertThat(nested).containsEntry("a", 1L).containsEntry("a.b", 2L)
                .containsEntry("attr_error", Map.of("code", "E1"));
        Map<String, Object> flat = strictParse(enc.encode(e));
        assertThat(flat).containsEntry("http.status", 500L).containsEntry("http.method", "GET");
    }

    @Test
    void renamesFields() {
        LoglineEncoder renamed = encoder(events.context(), c -> c.setRenames("msg=message, level=severity"));
        LoggingEvent e = events.capture(log -> log.warn("careful"));
        Map<String, Object> json = strictParse(renamed.encode(e));
        assertThat(json).containsEntry("message", "careful").containsEntry("severity", "WARN")
                .doesNotContainKeys("msg", "level");
    }

    @Test
    void encodeToWritesTheSameBytesAsEncode() throws IOException {
        LoggingEvent e = events.capture(log -> log.atInfo().setMessage("same").addKeyValue("n", 1).log());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        enc.encodeTo(e, out);
        assertThat(out.toByteArray()).isEqualTo(enc.encode(e));
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<LoggingEvent> sample = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            sample.add(events.capture(log -> log.atInfo().setMessage("event " + n).addKeyValue("n", n)
                    .addKeyValue("pad", "p".repeat(n * 300)).log()));
        }
        List<String> expected = new ArrayList<>();
        for (LoggingEvent e : sample) {
            expected.add(new String(enc.encode(e), StandardCharsets.UTF_8));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 500; round++) {
                        int i = round % sample.size();
                        if (!new String(enc.encode(sample.get(i)), StandardCharsets.UTF_8).equals(expected.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesReadableLinesInPrettyMode() {
        LoglineEncoder pretty = encoder(events.context(), c -> c.setPretty(true));
        LoggingEvent e = events.capture(log -> log.atError().setMessage("charge failed").addKeyValue("order", "ORD 1")
                .addKeyValue("amount", 250).setCause(new IllegalStateException("pool exhausted")).log());
        String text = new String(pretty.encode(e), StandardCharsets.UTF_8);
        String firstLine = text.substring(0, text.indexOf('\n'));
        assertThat(firstLine).contains("10:00:00.123").contains("\u001b[1;31mERROR")
                .contains("[http-7]").contains("s.p.Orders").contains("charge failed")
                .contains("order\u001b[0m=\"ORD 1\"").contains("amount\u001b[0m=250");
        assertThat(text).contains("\n    java.lang.IllegalStateException: pool exhausted\n    \tat ");
    }

    @Test
    void turnsPrettyOnFromTheEnvironmentWithoutColorWhenAsked() {
        LoglineEncoder pretty = encoder(events.context(), Map.of("LOGLINE_CONSOLE", "pretty"), c -> c.setColor(false));
        LoggingEvent e = events.capture(log -> log.info("plain"));
        assertThat(new String(pretty.encode(e), StandardCharsets.UTF_8))
                .isEqualTo("10:00:00.123 INFO  [http-7] s.p.Orders - plain\n");
    }
}
