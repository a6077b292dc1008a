package dev.logline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServerCommandTest {

    @TempDir
    Path data;

    @Test
    void startsTheServerPrintsTheUiAddressAndServesTheUi() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Path dir = data.resolve("store");
        Thread server = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--data", dir.toString())));
        server.start();
        try {
            Matcher m = Pattern.compile("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)").matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find() && server.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("printed the UI address; stderr: %s", err).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.group(1))).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Logline</title>", "js/main.js");
            assertThat(Files.isDirectory(dir)).isTrue();
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anOutOfRangePortIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--port", "70000", "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--port must be 0..65535");
    }
}
