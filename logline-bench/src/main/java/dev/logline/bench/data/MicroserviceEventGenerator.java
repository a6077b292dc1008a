package dev.logline.bench.data;

import dev.logline.core.ErrorInfo;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic traffic of a microservice shop: each request is a transaction whose trace spans two to six services,
 * with HTTP, order, payment and model fields of realistic types and cardinalities, LogTrace events (steps and
 * {@code duration_ms}), warnings, and errors with stacks. Timestamps spread evenly over a window ending at a fixed
 * instant. Deterministic by seed: the same arguments always give the same events.
 */
public final class MicroserviceEventGenerator extends CountedEventSource {

    /** A word that occurs in about one message in {@value #NEEDLE_EVERY}. */
    public static final String NEEDLE_WORD = "kx9orphan";
    /** A phrase that occurs in a few percent of the payment messages. */
    public static final String PHRASE = "payment declined";
    static final int NEEDLE_EVERY = 20_000;
    private static final int TRACE_SAMPLES = 64;

    /** Request kinds, as the services they pass through in order. */
    private static final List<List<String>> FLOWS = List.of(
            List.of("gateway", "auth", "ordering", "inventory", "payments", "notification"),
            List.of("gateway", "search", "inventory"),
            List.of("gateway", "auth"),
            List.of("gateway", "inference", "search"),
            List.of("ordering", "shipping", "notification"),
            List.of("gateway", "auth", "ordering", "payments"));
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "ap-south-1"};
    private static final String[][] FAILURES = {
            {"java.net.SocketTimeoutException", "Read timed out"},
            {"java.sql.SQLTransientConnectionException",
                    "HikariPool-1 - Connection is not available, request timed out after 30000ms."},
            {"java.lang.IllegalStateException", "reservation expired before payment was captured"},
            {"io.grpc.StatusRuntimeException", "UNAVAILABLE: io exception"},
            {"com.fasterxml.jackson.core.JsonParseException", "Unexpected character ('<' (code 60))"}};

    private final SplittableRandom random;
    private final long seed;
    private final EventWindow window;
    private final Map<String, ServiceProfile> services = new LinkedHashMap<>();
    private final ArrayDeque<LogEvent> pending = new ArrayDeque<>();
    private final List<String> sampledTraces = new ArrayList<>();
    private final long sampleEvery;
    private long traceNo;

    /**
     * @param seed  the seed of every random choice
     * @param total how many events to yield
     * @param end   the exclusive end of the time window
     * @param span  the length of the window (events spread evenly over it, oldest first)
     */
    public MicroserviceEventGenerator(long seed, long total, Instant end, Duration span) {
        super(total, "generated");
        if (total < 0 || span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("total must be >= 0 and span positive");
        }
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.window = EventWindow.of(end, span, total);
        // About eight events per transaction; sample traces evenly over the run.
        this.sampleEvery = Math.max(1, total / 8 / TRACE_SAMPLES);
        for (ServiceProfile p : ServiceProfile.shop(seed)) {
            services.put(p.name(), p);
        }
    }

    @Override
    protected LogEvent eventAt(long position) {
        if (pending.isEmpty()) {
            transaction(position);
        }
        return pending.poll();
    }

    @Override
    public QueryTargets targets() {
        return new QueryTargets(sampledTraces, NEEDLE_WORD, PHRASE, "payments", "ERROR", "latency_ms");
    }

    // ---------------------------------------------------------------- one transaction

    private void transaction(long position) {
        List<String> flow = FLOWS.get(random.nextInt(FLOWS.size()));
        String traceId = StableHash.hex(seed * 31 + traceNo, 32);
        if (traceNo % sampleEvery == 0 && sampledTraces.size() < TRACE_SAMPLES * 2) {
            sampledTraces.add(traceId);
        }
        traceNo++;
        // Evenly over the window by position in the run, so the newest events are the last ones sent.
        long t = window.micros(position);
        String userId = "user-" + random.nextInt(50_000);
        String orderId = "ORD" + (10_000_000 + random.nextInt(90_000_000));
        boolean failed = random.nextInt(1000) < 15;
        int failingHop = failed ? random.nextInt(flow.size()) : -1;
        for (int hop = 0; hop < flow.size(); hop++) {
            ServiceProfile svc = services.get(flow.get(hop));
            String spanId = StableHash.hex(seed * 17 + traceNo * 131 + hop, 16);
            t = hop(svc, traceId, spanId, userId, orderId, hop == failingHop, t);
        }
    }

    /** The events one service logs for its part of the transaction; returns the time its part ended. */
    private long hop(ServiceProfile svc, String traceId, String spanId, String userId, String orderId,
                     boolean fails, long t) {
        String host = pick(svc.hosts());
        String thread = threadName(svc.name());
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            t += 200 + random.nextInt(8_000);
            LogEvent.Builder b = base(svc, host, thread, traceId, spanId, t);
            message(b, svc.name(), userId, orderId);
            add(b.build());
        }
        if (random.nextInt(10) < 3) {
            t += 1_000 + random.nextInt(40_000);
            add(logTrace(base(svc, host, thread, traceId, spanId, t), svc.name()).build());
        }
        if (fails) {
            t += 5_000 + random.nextInt(200_000);
            add(failure(base(svc, host, thread, traceId, spanId, t), svc).build());
        }
        return t;
    }

    private void add(LogEvent e) {
        // The window ends exclusively at "end"; events of the last transaction must not spill past it.
        long last = window.lastMicros();
        pending.add(e.tsMicros() > last ? e.toBuilder().tsMicros(last).build() : e);
    }

    private LogEvent.Builder base(ServiceProfile svc, String host, String thread, String traceId, String spanId,
                                  long t) {
        return LogEvent.builder()
                .tsMicros(t)
                .level(Level.INFO)
                .service(svc.name())
                .env(random.nextInt(10) == 0 ? "staging" : "prod")
                .version(svc.version())
                .host(host)
                .logger(pick(svc.loggers()))
                .thread(thread)
                .traceId(traceId)
                .spanId(spanId);
    }

    private void message(LogEvent.Builder b, String service, String userId, String orderId) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            b.level(Level.DEBUG);
        } else if (roll < 12) {
            b.level(Level.WARN);
        }
        if (random.nextInt(NEEDLE_EVERY) == 0) {
            b.msg("reconciliation found " + NEEDLE_WORD + " ledger entry for " + orderId).attribute("order_id", orderId);
            return;
        }
        switch (service) {
            case "gateway" -> {
                String method = METHODS[random.nextInt(METHODS.length)];
                String path = pick(List.of("/api/cart", "/api/orders", "/api/orders/" + orderId, "/api/search",
                        "/api/login", "/api/products/sku-" + random.nextInt(20_000), "/healthz"));
                int status = random.nextInt(100) < 93 ? 200 : pick(List.of(201, 204, 301, 400, 401, 404, 429, 500, 503));
                b.msg(method + " " + path + " " + status)
                        .attribute("http", http(method, path, status))
                        .attribute("latency_ms", latency(35))
                        .attribute("client_ip", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256))
                        .attribute("user_id", userId);
            }
            case "auth" -> b.msg(pick(List.of("token valid for " + userId, "session refreshed", "login succeeded",
                            "auth header present")))
                    .attribute("user_id", userId)
                    .attribute("auth_method", pick(List.of("password", "oauth", "sso", "api_key")));
            case "search" -> b.msg("search for \"" + pick(List.of("red shoes", "usb cable", "coffee beans", "desk lamp",
                            "tent", "laptop stand")) + "\" returned " + random.nextInt(500) + " hits")
                    .attribute("results", (long) random.nextInt(500))
                    .attribute("latency_ms", latency(20));
            case "inventory" -> b.msg(pick(List.of("stock reserved", "cache miss for sku", "stock level low",
                            "reservation released")))
                    .attribute("sku", "sku-" + random.nextInt(20_000))
                    .attribute("warehouse", pick(List.of("ams-1", "fra-2", "iad-1")))
                    .attribute("stock", (long) random.nextInt(10_000))
                    .attribute("cache_hit", random.nextBoolean());
            case "ordering" -> b.msg(pick(List.of("order placed", "order validated", "order " + orderId + " confirmed",
                            "cart converted to order")))
                    .attribute("order_id", orderId)
                    .attribute("amount", Math.round(random.nextDouble() * 50_000) / 100.0)
                    .attribute("currency", pick(List.of("EUR", "EUR", "USD", "GBP")))
                    .attribute("items", (long) (1 + random.nextInt(12)));
            case "payments" -> {
                boolean declined = random.nextInt(100) < 6;
                b.msg(declined ? PHRASE + " by issuer, card ending " + (1000 + random.nextInt(9000))
                                : pick(List.of("payment authorised", "payment captured", "refund issued")))
                        .attribute("order_id", orderId)
                        .attribute("amount", Math.round(random.nextDouble() * 50_000) / 100.0)
                        .attribute("payment_provider", pick(List.of("stripe", "adyen", "paypal")))
                        .attribute("latency_ms", latency(120));
                if (declined) {
                    b.level(Level.WARN);
                }
            }
            case "shipping" -> b.msg(pick(List.of("parcel handed to carrier", "label printed", "delivery slot booked")))
                    .attribute("order_id", orderId)
                    .attribute("carrier", pick(List.of("dhl", "ups", "postnl", "dpd")))
                    .attribute("region", pick(List.of(REGIONS)));
            case "notification" -> b.msg(pick(List.of("email sent", "push notification delivered", "sms queued")))
                    .attribute("channel", pick(List.of("email", "push", "sms")))
                    .attribute("template", pick(List.of("order-confirmation", "shipping-update", "password-reset")));
            case "inference" -> b.msg("prediction served")
                    .attribute("model_version", pick(List.of("recsys-2026.11.1", "recsys-2026.11.2", "recsys-2026.10.7")))
                    .attribute("latency_ms", latency(60))
                    .attribute("tokens", (long) (16 + random.nextInt(2_000)));
            default -> b.msg("request handled");
        }
    }

    /** A LogTrace event: one operation folded into one event with its steps and duration. */
    private LogEvent.Builder logTrace(LogEvent.Builder b, String service) {
        String op = switch (service) {
            case "auth" -> "authenticate";
            case "inventory" -> "reserve stock";
            case "payments" -> "charge card";
            case "ordering" -> "place order";
            case "inference" -> "predict";
            default -> "handle request";
        };
        int n = 3 + random.nextInt(5);
        List<Step> steps = new ArrayList<>(n);
        double tMs = 0;
        int line = 80 + random.nextInt(200);
        for (int i = 0; i < n; i++) {
            double dt = Math.round(random.nextDouble() * 40_000) / 1000.0;
            tMs += dt;
            line += 1 + random.nextInt(12);
            steps.add(new Step(Math.round(tMs * 1000) / 1000.0, dt, line,
                    pick(List.of("input validated", "cache checked", "row locked", "remote call done", "state saved",
                            "token valid", "retry scheduled", "result mapped"))));
        }
        return b.msg(op).steps(steps).durationMs(Math.round((tMs + random.nextDouble()) * 1000) / 1000.0)
                .attribute("log_uid", StableHash.hex(random.nextLong(), 16))
                .attribute("outcome", "ok");
    }

    private LogEvent.Builder failure(LogEvent.Builder b, ServiceProfile svc) {
        String[] f = FAILURES[random.nextInt(FAILURES.length)];
        String logger = b.build().logger();
        StringBuilder stack = new StringBuilder(f[0]).append(": ").append(f[1]);
        int frames = 8 + random.nextInt(10);
        for (int i = 0; i < frames; i++) {
            String cls = i < 3 ? logger : pick(List.of("org.springframework.web.servlet.FrameworkServlet",
                    "com.zaxxer.hikari.pool.HikariPool", "java.net.SocketInputStream", "io.netty.channel.nio.NioEventLoop",
                    "java.util.concurrent.ThreadPoolExecutor", "jdk.internal.reflect.GeneratedMethodAccessor"));
            stack.append("\n\tat ").append(cls).append('.').append(pick(List.of("handle", "invoke", "run", "read",
                    "doService", "getConnection"))).append('(').append(cls.substring(cls.lastIndexOf('.') + 1))
                    .append(".java:").append(20 + random.nextInt(900)).append(')');
        }
        ErrorInfo cause = random.nextBoolean() ? null : new ErrorInfo("java.io.IOException", "Connection reset by peer");
        String hash = StableHash.hex(StableHash.of(f[0] + svc.name()), 16).substring(0, 6);
        return b.level(Level.ERROR)
                .msg(String.format(Locale.ROOT, "%s failed: %s", svc.name(), f[1]))
                .error(new ErrorInfo(f[0], f[1], stack.toString(), hash, cause));
    }

    // ---------------------------------------------------------------- value shapes

    private static Map<String, Object> http(String method, String path, int status) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", path);
        http.put("status", (long) status);
        return http;
    }

    /** Log-normal latency around {@code medianMs}, rounded to microseconds. */
    private double latency(double medianMs) {
        double gaussian = nextGaussian();
        return Math.round(medianMs * Math.exp(0.7 * gaussian) * 1000) / 1000.0;
    }

    private double nextGaussian() {
        // Box–Muller on the seeded generator (SplittableRandom has no nextGaussian on Java 17).
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private String threadName(String service) {
        return switch (service) {
            case "payments", "ordering" -> "http-nio-8080-exec-" + (1 + random.nextInt(200));
            case "notification", "shipping" -> "kafka-consumer-" + random.nextInt(4);
            default -> "armeria-common-worker-epoll-2-" + (1 + random.nextInt(8));
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
