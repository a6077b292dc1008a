package dev.logline.cli;

import dev.logline.core.crypto.EncryptionKeys;
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

    @Test
    void aSettingsFileConfiguresTheServerAndFlagsWinOverIt() throws Exception {
        Path fromFile = data.resolve("from-file");
        Path settings = data.resolve("logline.properties");
        Files.writeString(settings, "# settings\nport = 70000\ndata = " + fromFile.toString().replace("\\", "/")
                + "\nsyslog.port = 0\nretention.days = 7\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        // --port on the command line wins over the file's (invalid) port 70000.
        Thread server = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--port", "0")));
        server.start();
        try {
            Matcher m = Pattern.compile("syslog on port (\\d+)").matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find() && server.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("started with syslog; stderr: %s", err).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isPositive();
            assertThat(out.toString()).contains("data in " + fromFile.toAbsolutePath().normalize());
            assertThat(Files.isDirectory(fromFile)).isTrue();
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void storeKeysEncryptTheStoreAndAStoreIsNotOpenedWithoutItsKey() throws Exception {
        Path keyFile = data.resolve("store.keys");
        Files.writeString(keyFile, EncryptionKeys.newEntry("k1") + "\n");
        Path dir = data.resolve("store");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--data", dir.toString(), "--store-keys", "file:" + keyFile)));
        server.start();
        try {
            Matcher m = Pattern.compile("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)").matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find() && server.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("started; stderr: %s", err).isTrue();
            assertThat(out.toString()).contains("Storage: encrypted at rest (AES-256-GCM, sealing with key k1)");
            HttpResponse<String> ingest = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "api/v1/ingest"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"sealed hello\"}\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ingest.statusCode()).as(ingest.body()).isBetween(200, 299);
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);

        StringWriter refused = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(refused, true))
                .execute("server", "--port", "0", "--data", dir.toString());
        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(refused.toString()).contains("cannot open the store", "'k1'");
    }

    @Test
    void malformedStoreKeysAreAUsageErrorThatDoesNotEchoTheKey() {
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--data", data.toString(), "--store-keys", "k1:c2hvcnQ=");
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("key k1 has 5 bytes").doesNotContain("c2hvcnQ=");
    }

    @Test
    void anUnknownKeyInTheSettingsFileIsAUsageErrorNamingIt() throws Exception {
        Path settings = data.resolve("bad.properties");
        Files.writeString(settings, "prot=4680\n");
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown setting [prot]", "known: [port, data");
    }

    /** Found by ServerSettingsFileFuzzTest: a port past the int range wrapped round (2^32 + 8000 became port 8000). */
    @Test
    void aSettingsFileNumberPastTheIntRangeIsAUsageErrorNotAnotherPort() throws Exception {
        Path settings = data.resolve("wrap.properties");
        Files.writeString(settings, "port = 4294975296\n");
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("setting 'port' in " + settings + " is out of range, was '4294975296'");
    }

    /** Found by ServerSettingsFileFuzzTest: a malformed backslash-u escape was reported without naming the file. */
    @Test
    void aMalformedEscapeInTheSettingsFileIsAUsageErrorNamingTheFile() throws Exception {
        Path settings = data.resolve("escape.properties");
        Files.writeString(settings, "port=\\u 03468\n");
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the settings file " + settings + " has a malformed \\uXXXX escape");
    }
}
