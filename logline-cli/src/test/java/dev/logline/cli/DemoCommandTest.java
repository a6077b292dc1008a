package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCommandTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void runsTheShopNextToTheServerAndPrintsLinksToItsTransactions() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("demo", "--port", "0", "--rate", "2")));
        demo.start();
        Path dataDir;
        try {
            Pattern timeoutLink = Pattern.compile("A payment timeout: +(http://127\\.0\\.0\\.1:\\d+)/#trace=([0-9a-f]{32})");
            Matcher m = timeoutLink.matcher("");
            for (int i = 0; i < 1200 && !m.reset(out.toString()).find() && demo.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("printed the links; stdout: %s; stderr: %s", out, err).isTrue();
            String base = m.group(1);
            String timedOutTrace = m.group(2);
            Matcher placed = Pattern.compile("A placed order: +" + Pattern.quote(base) + "/#trace=([0-9a-f]{32}) +\\(order (ORD-[A-Z0-9-]+)\\)")
                    .matcher(out.toString());
            assertThat(placed.find()).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("Web UI:             " + base + "/", "Ctrl-C stops.",
                    "By order number:    " + base + "/#trace=" + placed.group(2) + "&field=order_id");
            Matcher data = Pattern.compile("data in (\\S+) \\(deleted on exit\\)").matcher(out.toString());
            assertThat(data.find()).isTrue();
            dataDir = Path.of(data.group(1));
            assertThat(Files.isDirectory(dataDir)).isTrue();

            // The printed link's transaction spans the three shop services, and the UI's page is served.
            JsonNode trace = await(base + "/api/v1/traces/" + placed.group(1),
                    t -> services(t).containsAll(Set.of("inventory", "purchasing", "ordering", "inference")));
            assertThat(trace.path("events").findValuesAsText("order_id")).containsOnly(placed.group(2));
            JsonNode failed = await(base + "/api/v1/traces/" + timedOutTrace, t -> t.path("errors").asInt() >= 2);
            assertThat(failed.path("events").findValuesAsText("outcome")).contains("error");
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
        } finally {
            demo.interrupt();
            demo.join(20_000);
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
        // Without --data the demo leaves nothing behind.
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void badOptionValuesAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cl = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(cl.execute("demo", "--rate", "-1")).isEqualTo(ExitCodes.USAGE);
        assertThat(cl.execute("demo", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
        assertThat(cl.execute("demo", "--duration", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--rate must be 0..1000", "--port must be 0..65535", "'soon' is not a duration");
    }

    @Test
    void durationsAreReadInShortOrIsoForm() {
        DemoCommand.DurationText text = new DemoCommand.DurationText();
        assertThat(text.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(text.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(text.convert("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(text.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(text.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(text.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> text.convert("ten minutes")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void helpDescribesTheDemo() {
        StringWriter out = new StringWriter();
        assertThat(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter())).execute("demo", "--help"))
                .isZero();
        assertThat(out.toString()).contains("Usage: logline demo", "--port", "--data", "--rate", "--duration", "--shop-port");
    }

    private static Set<String> services(JsonNode trace) {
        return new HashSet<>(trace.path("events").findValuesAsText("service"));
    }

    /** Polls (bounded, 30 s) until the answer satisfies {@code ready}: shipping and indexing take a moment. */
    private JsonNode await(String url, java.util.function.Predicate<JsonNode> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(r.body());
            if (r.statusCode() == 200 && ready.test(answer)) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting on " + url + "; last answer: " + r.body());
            }
            Thread.sleep(100);
        }
    }
}
