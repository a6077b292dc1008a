package dev.logline.store;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.ExistsFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.OrFilter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.PrefixFilter;
import dev.logline.query.filter.RangeFilter;
import dev.logline.query.filter.RegexFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.filter.WordFilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random events and filters over a small vocabulary, so that random filters match some events and not
 * others; used to hold a store's query semantics against the reference {@code FilterMatcher}.
 */
public final class RandomCorpus {

    private static final String[] SERVICES = {"payments", "ordering", "inventory", "Payments"};
    private static final String[] WORDS = {"order", "placed", "timed", "out", "payment", "retry", "token", "valid",
            "Order", "ORD987", "time", "timeout"};
    private static final String[] USERS = {"paul", "ann", "bob", "paula"};
    private static final String[] TAGS = {"red", "green", "blue"};
    private static final String[] ERRORS = {"java.net.SocketTimeoutException", "java.io.IOException"};

    /** A pool of trace ids (the last one never used), so trace lookups find a few events or none. */
    private static final String[] TRACES = new String[24];

    static {
        for (int i = 0; i < TRACES.length; i++) {
            TRACES[i] = String.format("%016x%016x", 0x5eedL * (i + 1), 0xfaceL * (i + 7));
        }
    }

    private final Random random;

    public RandomCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} events spread over the {@code spanMicros} before {@code endMicros}, each with a unique {@code n}. */
    public List<LogEvent> events(int count, long endMicros, long spanMicros) {
        List<LogEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LogEvent.Builder b = LogEvent.builder()
                    .tsMicros(endMicros - 1 - (long) (random.nextDouble() * spanMicros))
                    .level(pick(Level.values()))
                    .service(pick(SERVICES))
                    .host("node-" + random.nextInt(3))
                    .attribute("n", (long) i);
            if (random.nextInt(10) > 0) {
                StringBuilder msg = new StringBuilder();
                int words = 1 + random.nextInt(5);
                for (int w = 0; w < words; w++) {
                    msg.append(w == 0 ? "" : random.nextBoolean() ? " " : ", ").append(pick(WORDS));
                }
                b.msg(msg.toString());
            }
            if (random.nextBoolean()) {
                b.attribute("status", (long) (200 + 100 * random.nextInt(4)));
            }
            if (random.nextBoolean()) {
                b.attribute("latency", Math.round(random.nextDouble() * 1000) / 10.0);
            }
            if (random.nextInt(3) == 0) {
                b.attribute("cached", random.nextBoolean());
            }
            if (random.nextBoolean()) {
                b.attribute("user", pick(USERS));
            }
            if (random.nextInt(3) == 0) {
                b.attribute("tags", List.of(pick(TAGS), pick(TAGS)));
            }
            if (random.nextInt(3) == 0) {
                Map<String, Object> http = new LinkedHashMap<>();
                http.put("status", (long) (200 + 100 * random.nextInt(4)));
                http.put("method", random.nextBoolean() ? "GET" : "POST");
                b.attribute("http", http);
            }
            if (random.nextInt(4) == 0) {
                b.error(new ErrorInfo(pick(ERRORS), "boom"));
            }
            if (random.nextInt(4) == 0) {
                b.durationMs((double) random.nextInt(500));
            }
            if (random.nextInt(3) > 0) {
                b.traceId(TRACES[random.nextInt(TRACES.length - 1)]);
            }
            out.add(b.build());
        }
        return out;
    }

    /** A random filter of depth at most {@code depth}. */
    public Filter filter(int depth) {
        int kind = random.nextInt(depth > 0 ? 14 : 11);
        switch (kind) {
            case 0: return new WordFilter(pick(WORDS).toLowerCase(java.util.Locale.ROOT), false);
            case 1: return new WordFilter(pick(new String[] {"time", "ord", "pay", "t"}), true);
            case 2: return new PhraseFilter(pick(WORDS) + " " + pick(WORDS));
            case 3: return term();
            case 4: return new PrefixFilter(pick(new String[] {"service", "user", "tags", "http.method", "level"}),
                    pick(new String[] {"pay", "P", "pau", "gr", "G", "ERR"}));
            case 5: return new RegexFilter(pick(new String[] {"service", "user", "tags", "error.type"}),
                    pick(new String[] {"pay.*", "[a-c].*", "paula?", "java\\.net\\..*", "(red|blue)", ".*o.*"}));
            case 6: return range();
            case 7: return new ExistsFilter(pick(new String[] {"user", "msg", "http", "http.status", "error",
                    "tags", "cached", "duration_ms", "nothing"}));
            case 8: return term();
            case 9: return range();
            case 10: return term();
            case 11: return new AndFilter(List.of(filter(depth - 1), filter(depth - 1)));
            case 12: return new OrFilter(List.of(filter(depth - 1), filter(depth - 1)));
            default: return new NotFilter(filter(depth - 1));
        }
    }

    private Filter term() {
        switch (random.nextInt(12)) {
            case 0: return new TermFilter("service", pick(SERVICES));
            case 1: return new TermFilter("level", pick(new String[] {"error", "INFO", "Warn", "debug"}));
            case 2: return new TermFilter("status", pick(new String[] {"200", "500", "500.0", "abc"}));
            case 3: return new TermFilter("cached", pick(new String[] {"true", "false"}));
            case 4: return new TermFilter("user", pick(USERS));
            case 5: return new TermFilter("tags", pick(TAGS));
            case 6: return new TermFilter("http.status", pick(new String[] {"200", "300", "400"}));
            case 7: return new TermFilter("error.type", pick(ERRORS));
            case 8: return new TermFilter("http.method", pick(new String[] {"GET", "POST", "get"}));
            case 9: return new TermFilter("host", "node-" + random.nextInt(4));
            default: return new TermFilter("trace_id", pick(TRACES));
        }
    }

    private Filter range() {
        String field = pick(new String[] {"status", "latency", "http.status", "duration_ms", "_size", "user"});
        double a = field.equals("_size") ? 150 + random.nextInt(150) : random.nextInt(500);
        String lo = random.nextInt(4) == 0 ? null : Long.toString((long) a);
        String hi = random.nextInt(4) == 0 ? null : Long.toString((long) a + random.nextInt(300));
        return new RangeFilter(field, lo, random.nextBoolean(), hi, random.nextBoolean());
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
