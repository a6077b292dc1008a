package dev.logline.cli;

import dev.logline.core.tls.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logline server --tls-cert/--tls-key}, and the CLI's clients verifying it (or refusing it, saying why). */
class TlsCommandsTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shipAndQueryTalkToAnHttpsServerTheyVerify() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles files = ca.server("server");
        Path log = dir.resolve("app.log");
        Files.writeString(log, "{\"msg\":\"shipped over tls\",\"service\":\"shop\"}\n");
        try (CommandInThread server = new CommandInThread("server", "--port", "0", "--data",
                dir.resolve("data").toString(), "--tls-cert", files.chain().toString(), "--tls-key",
                files.key().toString())) {
            String url = server.await("Web UI:  (https://127\\.0\\.0\\.1:\\d+)/");
            assertThat(server.await("TLS:     (.*)")).contains(files.chain().getFileName().toString(), "valid until");

            Run ship = run("ship", "--once", "--url", url, "--ca-file", ca.caFile().toString(), "--state-dir",
                    dir.resolve("state").toString(), log.toString());
            assertThat(ship.code()).as(ship.err()).isEqualTo(ExitCodes.OK);
            Run query = null;
            for (int i = 0; i < 50 && (query == null || !query.out().contains("shipped over tls")); i++) {
                Thread.sleep(100);
                query = run("query", "shipped", "--last", "1h", "--url", url, "--ca-file", ca.caFile().toString());
            }
            assertThat(query.code()).as(query.err()).isEqualTo(ExitCodes.OK);
            assertThat(query.out()).contains("shipped over tls");

            Run untrusted = run("query", "*", "--last", "1h", "--url", url);
            assertThat(untrusted.code()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(untrusted.err()).contains("is not trusted", "--ca-file");
            Run plain = run("query", "*", "--last", "1h", "--url", url.replace("https:", "http:"));
            assertThat(plain.code()).isEqualTo(ExitCodes.UNREACHABLE);
        }
    }

    @Test
    void anExpiredCertificateIsRefusedByTheClientWithAClearMessage() throws Exception {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles expired = ca.expiredServer("expired");
        try (CommandInThread server = new CommandInThread("server", "--port", "0", "--data",
                dir.resolve("data").toString(), "--tls-cert", expired.chain().toString(), "--tls-key",
                expired.key().toString())) {
            String url = server.await("Web UI:  (https://127\\.0\\.0\\.1:\\d+)/");
            Run query = run("query", "*", "--last", "1h", "--url", url, "--ca-file", ca.caFile().toString());
            assertThat(query.code()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(query.err()).contains("has expired");
        }
    }

    @Test
    void halfATlsConfigurationOrUnusableFilesAreRefused() {
        TestCertificates ca = TestCertificates.authority(dir, "shop");
        TestCertificates.ServerFiles files = ca.server("server");
        Run half = run("server", "--port", "0", "--data", dir.resolve("a").toString(), "--tls-cert",
                files.chain().toString());
        assertThat(half.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(half.err()).contains("--tls-cert and --tls-key go together");
        Run swapped = run("server", "--port", "0", "--data", dir.resolve("b").toString(), "--tls-cert",
                files.key().toString(), "--tls-key", files.chain().toString());
        assertThat(swapped.code()).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(swapped.err()).contains("is not a PEM certificate chain");
        Run badCa = run("query", "*", "--url", "https://127.0.0.1:1", "--ca-file", files.key().toString());
        assertThat(badCa.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(badCa.err()).contains("--ca-file").contains("is not a PEM certificate file");
    }
}
