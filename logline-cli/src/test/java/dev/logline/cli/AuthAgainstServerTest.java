package dev.logline.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import dev.logline.logback.appender.LoglineAppender;
import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import java.io.IOException;
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
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The client side of auth: query, trace, tail and ship pass --api-key, and LoglineAppender ships with apiKey. */
class AuthAgainstServerTest {

    @TempDir
    static Path data;

    static RunningLogline logline;
    static IssuedKey read;
    static IssuedKey ingest;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        read = KeyFile.in(data).create(Role.READ, "default", "cli test");
        ingest = KeyFile.in(data).create(Role.INGEST, "default", "cli test");
        logline = RunningLogline.startWithKeys(data);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(logline.url() + "/api/v1/ingest"))
                .header("Authorization", "Bearer " + ingest.token().text())
                .POST(HttpRequest.BodyPublishers.ofString(ShopTraffic.ndjson(Instant.now()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        awaitEvents("*", 6);
    }

    @AfterAll
    static void stop() throws Exception {
        logline.close();
    }

    /** Waits (bounded) until a search with the read key finds {@code count} events. */
    static void awaitEvents(String lql, int count) throws Exception {
        String url = logline.url() + "/api/v1/search?last=1h&q=" + URLEncoder.encode(lql, StandardCharsets.UTF_8);
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + read.token().text()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && new ObjectMapper().readTree(r.body()).path("events").size() == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never found " + count + " events for " + lql);
    }

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void queryAndTraceSendTheKey() {
        assertThat(run("query", "service:purchasing", "--url", logline.url(), "--api-key", read.token().text()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("payment accepted", "2 events");
        assertThat(run("trace", ShopTraffic.TRACE_ID, "--url", logline.url(), "--api-key", read.token().text()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("inventory", "purchasing", "ordering");
    }

    @Test
    void withoutAFittingKeyTheCommandSaysWhatToPass() {
        assertThat(run("query", "*", "--url", logline.url())).isEqualTo(ExitCodes.SERVER_ERROR);
        assertThat(err.toString()).contains("refused the request (401)").contains("--api-key or LOGLINE_API_KEY");
        assertThat(run("query", "*", "--url", logline.url(), "--api-key", ingest.token().text()))
                .isEqualTo(ExitCodes.SERVER_ERROR);
        assertThat(err.toString()).contains("(403)").contains("needs read");
    }

    @Test
    void tailSendsTheKey() throws Exception {
        Thread tail = new Thread(() -> run("tail", "service:billing", "--max-events", "1", "--url", logline.url(),
                "--api-key", read.token().text()));
        tail.start();
        try {
            for (int i = 0; i < 100 && tail.isAlive(); i++) {
                HTTP.send(HttpRequest.newBuilder(URI.create(logline.url() + "/api/v1/ingest"))
                        .header("Authorization", "Bearer " + ingest.token().text())
                        .POST(HttpRequest.BodyPublishers.ofString(ShopTraffic.event(Instant.now(), "INFO", "billing",
                                "keyed tail " + i, "") + "\n")).build(), HttpResponse.BodyHandlers.discarding());
                tail.join(300);
            }
        } finally {
            tail.interrupt();
        }
        tail.join(5_000);
        assertThat(tail.isAlive()).isFalse();
        assertThat(out.toString()).as(err.toString()).containsPattern("billing +keyed tail \\d+");
    }

    @Test
    void shipSendsTheKey(@TempDir Path work) throws Exception {
        Path file = work.resolve("app.log");
        Files.writeString(file, "{\"ts\":\"" + Instant.now() + "\",\"level\":\"INFO\",\"msg\":\"shipped with a key\"}\n");
        assertThat(run("ship", file.toString(), "--once", "--url", logline.url(), "--state-dir",
                work.resolve("state").toString())).isNotZero();
        assertThat(err.toString()).contains("401").contains("--api-key");
        assertThat(run("ship", file.toString(), "--once", "--url", logline.url(), "--api-key", ingest.token().text(),
                "--state-dir", work.resolve("state").toString())).as(err.toString()).isZero();
        awaitEvents("\"shipped with a key\"", 1);
    }

    @Test
    void theAppenderShipsWithItsApiKey(@TempDir Path spool) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LoglineAppender appender = new LoglineAppender();
        appender.setContext(context);
        appender.setName("keyed");
        appender.setUrl(logline.url());
        appender.setApiKey(ingest.token().text());
        appender.setService("checkout");
        appender.setSpoolDir(spool.toString());
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        context.getLogger("shop.checkout").info("appender with a key");
        context.stop();
        assertThat(appender.metrics().getSent()).as(appender.metrics().summary()).isEqualTo(1);
        awaitEvents("service:checkout", 1);
    }
}
