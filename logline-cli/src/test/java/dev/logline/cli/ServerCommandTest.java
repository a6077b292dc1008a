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

    /** A {@code logline server} run in a thread, up once it printed its UI address. */
    private static final class RunningServer implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;
        final String url;

        RunningServer(String... args) throws InterruptedException {
            thread = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args)));
            thread.start();
            Matcher m = Pattern.compile("Web UI:  (http://127\\.0\\.0\\.1:\\d+/)").matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find() && thread.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("printed the UI address; stderr: %s", err).isTrue();
            url = m.group(1);
        }

        /** Stops it as Ctrl-C would and checks it ended well. */
        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(exit.get()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void startsTheServerPrintsTheUiAddressAndServesTheUi() throws Exception {
        Path dir = data.resolve("store");
        try (RunningServer server = new RunningServer("server", "--port", "0", "--data", dir.toString())) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Logline</title>", "js/main.js");
            assertThat(Files.isDirectory(dir)).isTrue();
        }
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
        try (RunningServer server = new RunningServer("server", "--port", "0", "--data", dir.toString(),
                "--store-keys", "file:" + keyFile)) {
            assertThat(server.out.toString()).contains("Storage: encrypted at rest (AES-256-GCM, sealing with key k1)");
            HttpResponse<String> ingest = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url + "api/v1/ingest"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"sealed hello\"}\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ingest.statusCode()).as(ingest.body()).isBetween(200, 299);
        }

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

    @Test
    void theStoreKindAndItsAddressAreCheckedBeforeAnythingStarts() {
        for (String[] args : new String[][] {
                {"--store", "cassandra"},
                {"--store", "opensearch"},
                {"--kafka-bootstrap", "127.0.0.1:9092", "--kafka-property", "session.timeout.ms"}}) {
            StringWriter err = new StringWriter();
            java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("server", "--data", data.toString()));
            line.addAll(java.util.List.of(args));
            int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                    .execute(line.toArray(String[]::new));
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(String.join(" ", args)).containsAnyOf(
                    "--store must be embedded or opensearch, was 'cassandra'",
                    "--store opensearch needs --opensearch-url",
                    "--kafka-property must be NAME=VALUE, was 'session.timeout.ms'");
        }
    }

    @Test
    void queryGuardrailsComeFromFlagsAndTheSettingsFileAndHoldOverHttp() throws Exception {
        Path settings = data.resolve("logline.properties");
        Files.writeString(settings, "query.max-terms = 3\nquery.max-groups = 50\nquery.timeout = 20s\n");
        // The flag wins over the file's 50 groups.
        try (RunningServer server = new RunningServer("server", "--config", settings.toString(), "--port", "0",
                "--data", data.resolve("s").toString(), "--query-max-groups", "2", "--query-max-memory", "64m")) {
            assertThat(server.out.toString())
                    .contains("Queries: each at most 20 s, 64 MiB, 2 groups, 3 terms; 4 at once per key");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ingest = http.send(HttpRequest.newBuilder(URI.create(server.url + "api/v1/ingest"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"msg\":\"a\",\"k\":1}\n{\"msg\":\"b\",\"k\":2}\n"
                            + "{\"msg\":\"c\",\"k\":3}\n")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
            HttpResponse<String> terms = http.send(HttpRequest.newBuilder(URI.create(server.url
                    + "api/v1/search?last=1h&q=a%20OR%20b%20OR%20c%20OR%20d")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(terms.statusCode()).isEqualTo(400);
            assertThat(terms.body()).contains("4 filter terms, more than the limit of 3");
            HttpResponse<String> groups = null;
            // Wait until the three events are searchable (within a second), then group them.
            for (int i = 0; i < 100 && (groups == null || groups.statusCode() == 200); i++) {
                groups = http.send(HttpRequest.newBuilder(URI.create(server.url
                        + "api/v1/search?last=1h&q=*%20%7C%20stats%20count()%20by%20k")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (groups.statusCode() == 200) {
                    Thread.sleep(50);
                }
            }
            assertThat(groups.statusCode()).as(groups.body()).isEqualTo(400);
            assertThat(groups.body()).contains("more than 2 groups");
        }
    }

    @Test
    void anUnreachableOpenSearchFailsTheStartNamingIt() throws Exception {
        Path settings = data.resolve("scale.properties");
        // Nothing listens on port 1; the settings file names the store and a consumer setting.
        Files.writeString(settings, "store=opensearch\nopensearch.url=http://127.0.0.1:1\n"
                + "kafka.property.session.timeout.ms=10000\n");
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--data", data.toString(), "--port", "0");
        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString()).contains("cannot open the store on OpenSearch http://127.0.0.1:1",
                "OpenSearch is unreachable");
    }

    @Test
    void badQueryGuardrailsAreUsageErrors() {
        for (String[] args : new String[][] {{"--query-timeout", "soon"}, {"--query-max-memory", "0"},
                {"--query-max-memory", "lots"}, {"--query-max-per-key", "0"}}) {
            StringWriter err = new StringWriter();
            int code = Logline.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                    .execute("server", "--port", "0", "--data", data.toString(), args[0], args[1]);
            assertThat(code).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).as(String.join(" ", args)).contains(args[0]);
        }
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
