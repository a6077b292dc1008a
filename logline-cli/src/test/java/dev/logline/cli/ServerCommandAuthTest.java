package dev.logline.cli;

import dev.logline.server.auth.IssuedKey;
import dev.logline.server.auth.KeyFile;
import dev.logline.server.auth.Role;
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

/** {@code logline server} and auth: when it refuses to start, --no-auth (flag and settings file), keys in --data. */
class ServerCommandAuthTest {

    @TempDir
    Path data;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** Runs the server command on a thread until it prints its UI address, hands over the base URL, then stops it. */
    void whileServing(String[] args, ServerCheck check) throws Exception {
        AtomicInteger exit = new AtomicInteger(-1);
        Thread server = new Thread(() -> exit.set(Logline.commandLine(new PrintWriter(out, true),
                new PrintWriter(err, true)).execute(args)));
        server.start();
        try {
            Matcher m = Pattern.compile("Web UI:  (http://127\\.0\\.0\\.1:\\d+)/").matcher("");
            for (int i = 0; i < 300 && !m.reset(out.toString()).find() && server.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(m.reset(out.toString()).find()).as("printed the UI address; stderr: %s", err).isTrue();
            check.run(m.group(1));
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    }

    interface ServerCheck {
        void run(String base) throws Exception;
    }

    static int status(String url, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anyAddressButLoopbackWithoutKeysRefusesToStart() {
        int code = Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("server", "--port", "0", "--bind", "0.0.0.0", "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString()).contains("refusing to listen on 0.0.0.0 without authentication")
                .contains("logline keys create --data").contains("--no-auth");
    }

    @Test
    void noAuthStartsOnAnyAddressAndSaysSo() throws Exception {
        whileServing(new String[] {"server", "--port", "0", "--bind", "0.0.0.0", "--no-auth", "--data", data.toString()},
                base -> assertThat(status(base + "/api/v1/search?q=*", null)).isEqualTo(200));
        assertThat(out.toString()).contains("Auth:    off (--no-auth)");
    }

    @Test
    void theSettingsFileCanTurnAuthOff() throws Exception {
        Path settings = data.resolve("logline.properties");
        Files.writeString(settings, "bind=0.0.0.0\nport=0\nno-auth=true\ndata=" + data.resolve("store").toString().replace("\\", "/") + "\n");
        whileServing(new String[] {"server", "--config", settings.toString()},
                base -> assertThat(status(base + "/api/v1/search?q=*", null)).isEqualTo(200));

        Files.writeString(settings, "no-auth=perhaps\n");
        int code = Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("server", "--config", settings.toString(), "--data", data.toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("setting 'no-auth'").contains("true or false");
    }

    @Test
    void keysInTheDataDirectoryAreRequired() throws Exception {
        IssuedKey key = KeyFile.in(data).create(Role.READ, "default", null);
        whileServing(new String[] {"server", "--port", "0", "--bind", "0.0.0.0", "--data", data.toString()}, base -> {
            assertThat(status(base + "/api/v1/search?q=*", null)).isEqualTo(401);
            assertThat(status(base + "/api/v1/search?q=*", key.token().text())).isEqualTo(200);
            assertThat(status(base + "/healthz", null)).isEqualTo(200);
        });
        assertThat(out.toString()).contains("Auth:    API keys required (1 active in " + data.resolve("keys.json"));
    }
}
