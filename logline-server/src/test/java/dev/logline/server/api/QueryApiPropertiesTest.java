package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

import static dev.logline.server.ServerFixture.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query endpoint, every parameter, arbitrary values (LQL-shaped, numeric, duration-shaped and plain noise),
 * in the URL and as POST bodies: the server never answers 5xx, and every 4xx is JSON with an {@code error}. The
 * tries are bounded so the class runs in seconds against one real server.
 */
class QueryApiPropertiesTest {

    private static final int TRIES = 120;

    private static Path dir;
    private static ServerFixture fx;
    private static List<String> eventIds;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("logline-api-props");
        fx = new ServerFixture(dir);
        Instant base = Instant.now().minusSeconds(120);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            b.append("{\"ts\":\"").append(Timestamps.formatMicros(LogEvent.toMicros(base.plusSeconds(i))))
                    .append("\",\"level\":\"").append(i % 4 == 0 ? "ERROR" : "INFO").append("\",\"msg\":\"order ")
                    .append(i).append(" timed out\",\"service\":\"s").append(i % 3).append("\",\"latency_ms\":")
                    .append(i * 13).append(",\"trace_id\":\"t").append(i % 5).append("\",\"user\":\"u").append(i)
                    .append("\",\"http\":{\"status\":").append(200 + i).append("}}\n");
        }
        fx.ingest(b.toString());
        eventIds = new ArrayList<>();
        fx.search("*", "&limit=30").get("events").forEach(e -> eventIds.add(e.get("_id").asText()));
    }

    @AfterContainer
    static void stop() throws IOException {
        fx.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = TRIES)
    void searchByUrl(@ForAll("lql") String q, @ForAll("time") String from, @ForAll("time") String to,
                     @ForAll("duration") String last, @ForAll("number") String limit, @ForAll("cursor") String cursor) {
        assertAnswer(get("/api/v1/search", "q", q, "from", from, "to", to, "last", last, "limit", limit,
                "cursor", cursor));
    }

    @Property(tries = TRIES)
    void searchByBody(@ForAll("lql") String q, @ForAll("jsonValue") String from, @ForAll("jsonValue") String to,
                      @ForAll("jsonValue") String last, @ForAll("jsonValue") String limit,
                      @ForAll("jsonValue") String cursor) {
        assertAnswer(post("/api/v1/search", "{\"q\":" + json(q) + ",\"from\":" + from + ",\"to\":" + to
                + ",\"last\":" + last + ",\"limit\":" + limit + ",\"cursor\":" + cursor + "}"));
    }

    @Property(tries = TRIES)
    void histogram(@ForAll("lql") String q, @ForAll("duration") String interval, @ForAll("time") String from,
                   @ForAll("time") String to, @ForAll("duration") String last, @ForAll boolean asBody) {
        assertAnswer(asBody
                ? post("/api/v1/histogram", body("q", q, "interval", interval, "from", from, "to", to, "last", last))
                : get("/api/v1/histogram", "q", q, "interval", interval, "from", from, "to", to, "last", last));
    }

    @Property(tries = TRIES)
    void fields(@ForAll("lql") String q, @ForAll("number") String top, @ForAll("duration") String last,
                @ForAll boolean asBody) {
        assertAnswer(asBody ? post("/api/v1/fields", body("q", q, "top", top, "last", last))
                : get("/api/v1/fields", "q", q, "top", top, "last", last));
    }

    @Property(tries = TRIES)
    void traces(@ForAll("noise") String id, @ForAll("noise") String field, @ForAll("noise") String value,
                @ForAll("number") String limit, @ForAll("duration") String last, @ForAll("time") String from,
                @ForAll boolean asBody) {
        assertAnswer(get("/api/v1/traces/" + enc(id).replace("+", "%20"), "limit", limit, "last", last));
        assertAnswer(asBody
                ? post("/api/v1/traces", body("field", field, "value", value, "limit", limit, "from", from))
                : get("/api/v1/traces", "field", field, "value", value, "limit", limit, "last", last, "from", from));
    }

    @Property(tries = TRIES)
    void context(@ForAll("eventId") String id, @ForAll("number") String before, @ForAll("number") String after) {
        assertAnswer(get("/api/v1/context/" + enc(id).replace("+", "%20"), "before", before, "after", after));
    }

    @Property(tries = 60)
    void tail(@ForAll("lql") String q, @ForAll boolean asBody) {
        assertAnswer(asBody
                ? HttpRequest.newBuilder(fx.uri("/api/v1/tail")).POST(HttpRequest.BodyPublishers.ofString(body("q", q)))
                : HttpRequest.newBuilder(fx.uri("/api/v1/tail" + query("q", q))).GET());
    }

    @Property(tries = TRIES)
    void anyBodyAndAnyMethod(@ForAll("route") String route, @ForAll("method") String method,
                             @ForAll("rawBody") String body) {
        HttpRequest.BodyPublisher publisher = body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        assertAnswer(HttpRequest.newBuilder(fx.uri(route)).method(method, publisher));
    }

    // ------------------------------------------------------------------ the assertion

    private static void assertAnswer(HttpResponse<String> r) {
        assertAnswer(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    }

    /**
     * Sends a request whose answer may be a live stream (the tail): a stream is closed once its headers say 200,
     * anything else is read whole and checked.
     */
    private static void assertAnswer(HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> r = fx.http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = r.body()) {
                String type = r.headers().firstValue("content-type").orElse("");
                if (r.statusCode() == 200 && type.startsWith("text/event-stream")) {
                    return; // a live tail; closing it ends the subscription
                }
                assertAnswer(r.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), type);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertAnswer(int status, String body, String contentType) {
        assertThat(status).as(body).isBetween(200, 499);
        if (status >= 400) {
            assertThat(contentType).as(body).contains("json");
            JsonNode error;
            try {
                error = ServerFixture.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("a " + status + " whose body is not JSON: " + body, e);
            }
            assertThat(error.path("error").isTextual()).as(body).isTrue();
            assertThat(error.path("error").asText()).isNotBlank();
        }
    }

    // ------------------------------------------------------------------ requests

    private static HttpResponse<String> get(String path, String... params) {
        return fx.send(HttpRequest.newBuilder(fx.uri(path + query(params))).GET());
    }

    private static HttpResponse<String> post(String path, String body) {
        return fx.send(HttpRequest.newBuilder(fx.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Parameters as a query string; a {@code null} value is left out. */
    private static String query(String... params) {
        StringJoiner q = new StringJoiner("&", "?", "");
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] != null) {
                q.add(params[i] + "=" + enc(params[i + 1]));
            }
        }
        return q.toString();
    }

    /** Parameters as a JSON body; a {@code null} value is written as null. */
    private static String body(String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        try {
            return ServerFixture.JSON.writeValueAsString(map);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String json(String s) {
        return BadRequestsTest.jsonString(s);
    }

    // ------------------------------------------------------------------ generators

    /** LQL-shaped text: fragments of the grammar (valid and not), hostile regexes and numbers, and noise. */
    @Provide
    Arbitrary<String> lql() {
        Arbitrary<String> fragment = Arbitraries.of("*", "order", "timed", "\"timed out\"", "level:ERROR", "level:(",
                "service:s1", "service:(s0 OR s2)", "-service:s1", "NOT", "AND", "OR", "(", ")", "latency_ms>100",
                "latency_ms:[10 TO 200]", "http.status>=250", "user:u1*", "s:/.*a.{40}/", "user:/u[0-9]+/",
                "user:/(a|b)*a(a|b){30}/", "x:/a{0,99999999}/", "x:/[/", "ts>2026-11-22T10:00:00Z",
                "ts>99999999999999999999", "_size>100", "trace_id:*", "`we ird`:x", "msg:=\"order 1 timed out\"",
                "| stats count() by service", "| stats p95(latency_ms), count_uniq(user) by level",
                "| timechart 1m count() by level", "| timechart 99999999999d count()", "| timechart 1s count()",
                "| sort by latency_ms desc", "| sort by", "| limit 3", "| limit 99999999999", "| limit -1",
                "| where count > 2", "| where level:ERROR", "| fields msg, latency_ms", "| fields", "| frobnicate",
                "|", "\\", "\"", "*x", "a\\*b", "99999999999999999999", "-1e308", "NaN", "\u0000", "é", "😀");
        Arbitrary<String> shaped = fragment.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join(" ", l));
        Arbitrary<String> longOr = Arbitraries.integers().between(250, 320)
                .map(n -> "order" + " OR x".repeat(n));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, shaped),
                net.jqwik.api.Tuple.of(2, noise()),
                net.jqwik.api.Tuple.of(1, longOr),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("")));
    }

    /** Any short string, any characters. */
    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().all().ofMaxLength(40);
    }

    /** Whole numbers of every size and things that are not quite numbers; {@code null} leaves it out. */
    @Provide
    Arbitrary<String> number() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-5, 2_000).map(String::valueOf),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(18), java.math.BigInteger.TEN.pow(40))
                        .map(String::valueOf),
                Arbitraries.of("", " ", "1.5", "1e3", "+7", "-0", "0x10", "abc", "١٢"),
                Arbitraries.just(null));
    }

    /** Durations, well-formed or not, with values up to far past any long. */
    @Provide
    Arbitrary<String> duration() {
        Arbitrary<String> amount = Arbitraries.oneOf(Arbitraries.longs().greaterOrEqual(0).map(String::valueOf),
                Arbitraries.integers().between(0, 100).map(String::valueOf),
                Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(40));
        Arbitrary<String> unit = Arbitraries.of("ms", "s", "m", "h", "d", "w", "y", "", "M", "S", " minutes");
        return Arbitraries.oneOf(Combinators.combine(amount, unit).as((a, u) -> a + u),
                Arbitraries.of("", "-5m", "1.5h", "h", "forever"), Arbitraries.just(null));
    }

    /** Times: RFC 3339 of any year, epoch milliseconds of any size, and text that is neither. */
    @Provide
    Arbitrary<String> time() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.longs().between(-62_135_596_800_000L, 253_402_300_799_999L)
                        .map(ms -> Instant.ofEpochMilli(ms).toString()),
                Arbitraries.of("2026-11-22T10:00:00Z", "2026-13-45T99:99:99Z", "+999999999-01-01T00:00:00Z",
                        "0000-01-01T00:00:00Z", "yesterday", "", "99999999999999999999999"),
                Arbitraries.just(null));
    }

    /** Cursors: real-looking, malformed and noise. */
    @Provide
    Arbitrary<String> cursor() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                        .as((a, b) -> Long.toString(a, 36) + "~" + Long.toString(b, 36)),
                noise(), Arbitraries.just(null));
    }

    /** Event ids: real ones, edited ones and noise. */
    @Provide
    Arbitrary<String> eventId() {
        return Arbitraries.oneOf(Arbitraries.of(eventIds), Arbitraries.of(eventIds).map(id -> id + "0"),
                Arbitraries.of(eventIds).map(id -> id.replace('~', '-')),
                Arbitraries.of("9999-99-99~zz", "2026-11-22~", "~", "x"), noise().filter(s -> !s.isEmpty()));
    }

    /** Any JSON value as body text: strings, numbers of any size, null, booleans, arrays, objects. */
    @Provide
    Arbitrary<String> jsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.oneOf(noise(), duration().filter(s -> s != null), time().filter(s -> s != null))
                        .map(QueryApiPropertiesTest::json),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(50).map(s -> s.replaceFirst("^0+(?=.)", "")),
                Arbitraries.of("null", "true", "false", "[]", "[1,\"a\"]", "{}", "{\"a\":{\"b\":1}}", "1e999", "-0.0"));
    }

    @Provide
    Arbitrary<String> route() {
        return Arbitraries.of("/api/v1/search", "/api/v1/histogram", "/api/v1/fields", "/api/v1/traces",
                "/api/v1/traces/t1", "/api/v1/context/x~1", "/api/v1/tail?q=level:(", "/api/v1/search?q=*&last=1h",
                "/api/v1/nothing");
    }

    @Provide
    Arbitrary<String> method() {
        return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    }

    /** Bodies: JSON objects of the right names with odd values, other JSON, truncated JSON and noise. */
    @Provide
    Arbitrary<String> rawBody() {
        Arbitrary<String> name = Arbitraries.of("q", "from", "to", "last", "limit", "cursor", "interval", "top", "id",
                "field", "value", "before", "after", "", "Q");
        Arbitrary<String> object = Combinators.combine(name.list().ofMaxSize(4), jsonValue().list().ofSize(4))
                .as((names, values) -> {
                    StringJoiner j = new StringJoiner(",", "{", "}");
                    for (int i = 0; i < names.size(); i++) {
                        j.add(json(names.get(i)) + ":" + values.get(i));
                    }
                    return j.toString();
                });
        return Arbitraries.oneOf(object, object.map(s -> s.substring(0, s.length() / 2)), jsonValue(), noise(),
                Arbitraries.just(""));
    }
}
