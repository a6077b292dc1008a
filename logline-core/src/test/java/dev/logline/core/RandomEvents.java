package dev.logline.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Generates varied, valid events for round-trip tests from a fixed seed. */
final class RandomEvents {

    private static final String[] TEXTS = {
        "", "order placed", "naïve café", "日本語のログ", "emoji 😀🚀", "𝄞 music", "tab\there", "new\nline",
        "cr\rlf\r\n", "nul\u0000byte", "bell\u0007", "esc\u001b[31m", "\"quoted\"", "back\\slash", "\u2028sep\u2029",
        "</script>", "mixed ü 中 \uD83D\uDE00 \u007f del"
    };

    private final Random random;

    RandomEvents(long seed) {
        random = new Random(seed);
    }

    String text() {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int i = 0; i < parts; i++) {
            b.append(TEXTS[random.nextInt(TEXTS.length)]);
            if (random.nextInt(4) == 0) {
                b.append((char) random.nextInt(0x20));
            }
        }
        return b.toString();
    }

    private String maybe(String s) {
        return random.nextInt(4) == 0 ? null : s;
    }

    Object value(int depth) {
        switch (random.nextInt(depth > 2 ? 5 : 7)) {
            case 0: return text();
            case 1: return random.nextLong();
            case 2: return random.nextInt(3) == 0 ? (double) random.nextInt(1000) : random.nextDouble() * 1e6;
            case 3: return random.nextBoolean();
            case 4: return null;
            case 5: {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    m.put("n" + i + "_" + text(), value(depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(value(depth + 1));
                }
                return l;
            }
        }
    }

    ErrorInfo error(int depth) {
        return new ErrorInfo("java.lang.IllegalStateException" + depth, maybe(text()),
                maybe("at a.B.c(B.java:" + depth + ")\nat d.E.f(E.java:2)"), maybe(Integer.toHexString(random.nextInt())),
                depth < 3 && random.nextBoolean() ? error(depth + 1) : null);
    }

    LogEvent event() {
        LogEvent.Builder b = LogEvent.builder()
                // 1900 .. 2200, with microsecond precision
                .tsMicros(-2_208_988_800_000_000L + (long) (random.nextDouble() * 9_466_848_000_000_000L))
                .level(Level.values()[random.nextInt(Level.values().length)])
                .msg(maybe(text()))
                .service(maybe("svc-" + random.nextInt(5)))
                .env(maybe("prod"))
                .version(maybe("1." + random.nextInt(9)))
                .host(maybe("node-" + text()))
                .logger(maybe("shop.Logger" + random.nextInt(3)))
                .thread(maybe(text()))
                .traceId(maybe(Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())))
                .spanId(maybe(Long.toHexString(random.nextLong())))
                .tenant(maybe("t" + random.nextInt(3)))
                .durationMs(random.nextBoolean() ? null : random.nextDouble() * 1000);
        if (random.nextBoolean()) {
            b.error(error(0));
        }
        if (random.nextBoolean()) {
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(4); i++) {
                steps.add(new Step(random.nextDouble() * 100, random.nextDouble(), random.nextInt(3) * 50, maybe(text())));
            }
            b.steps(steps);
        }
        int attrs = random.nextInt(6);
        for (int i = 0; i < attrs; i++) {
            // "a<i>_" keeps clear of reserved names and aliases, which the normalizer would move on purpose
            b.attribute("a" + i + "_" + text(), value(0));
        }
        return b.build();
    }
}
