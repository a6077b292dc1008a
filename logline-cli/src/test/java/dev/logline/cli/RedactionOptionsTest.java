package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The redaction options of {@code logline server} and {@code logline ship}, against real servers. */
class RedactionOptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theServerRedactsByDefaultAndAddsRulesFromFlagsAndTheSettingsFile() throws Exception {
        Path settings = dir.resolve("logline.properties");
        Files.writeString(settings, "redaction.rules = field customer hash; detect email\n"
                + "redaction.key = a-long-random-secret-of-32-bytes!\n");
        try (CommandInThread server = new CommandInThread("server", "--port", "0", "--data",
                dir.resolve("data").toString(), "--config", settings.toString(), "--redact", "field customer hash")) {
            String url = server.await("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)");
            server.await("Ctrl-C stops");
            assertThat(server.out()).contains("Redact:  ");
            post(url + "api/v1/ingest", "{\"msg\":\"card 4111 1111 1111 1111 for paul@example.com\",\"customer\":\"C-1042\"}\n");
            JsonNode e = waitForOne(url);
            assertThat(e.get("msg").asText()).isEqualTo("card [REDACTED:card] for paul@example.com");
            assertThat(e.get("customer").asText()).startsWith("hmac:");
        }
    }

    @Test
    void offStoresEventsAsSentAndABadRuleIsAUsageError() throws Exception {
        try (CommandInThread server = new CommandInThread("server", "--port", "0", "--data",
                dir.resolve("off").toString(), "--redaction", "off")) {
            String url = server.await("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)");
            server.await("Ctrl-C stops");
            assertThat(server.out()).contains("Redact:  off");
            post(url + "api/v1/ingest", "{\"msg\":\"card 4111 1111 1111 1111\"}\n");
            assertThat(waitForOne(url).get("msg").asText()).contains("4111 1111 1111 1111");
        }
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--data", dir.resolve("bad").toString(), "--redact", "detect cards");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown detector 'cards'");
        err = new StringWriter();
        code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("ship", "--once", "--redact", "field x hash", dir.resolve("none.log").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("needs a secret key");
    }

    @Test
    void shipRedactsBeforeALineLeavesEvenForAServerThatDoesNot() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "{\"msg\":\"login with token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwYXVsIn0.c2lnbmF0dXJl\","
                + "\"auth\":{\"password\":\"hunter2\"}}\n2026-11-22 10:00:00 ERROR charge of 4111-1111-1111-1111 failed\n");
        try (CommandInThread server = new CommandInThread("server", "--port", "0", "--data",
                dir.resolve("plain").toString(), "--redaction", "off")) {
            String url = server.await("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)");
            StringWriter err = new StringWriter();
            int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                    .execute("ship", "--once", "--url", url, "--state-dir", dir.resolve("state").toString(),
                            log.toString());
            assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
            JsonNode events = search(url, 2);
            String all = events.toString();
            assertThat(all).doesNotContain("hunter2", "4111-1111-1111-1111", "eyJhbGciOiJIUzI1NiJ9")
                    .contains("[REDACTED:jwt]", "[REDACTED:card]");
        }
    }

    private void post(String url, String ndjson) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode waitForOne(String url) throws Exception {
        return search(url, 1).get(0);
    }

    private JsonNode search(String url, int count) throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "api/v1/search?last=30d&q="
                    + URLEncoder.encode("*", StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode events = JSON.readTree(r.body()).path("events");
            if (events.size() >= count) {
                return events;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("fewer than " + count + " events arrived");
    }
}
