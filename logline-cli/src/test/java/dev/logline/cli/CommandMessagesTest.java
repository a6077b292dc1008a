package dev.logline.cli;

import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command says, and the code it exits with, where a newcomer first meets it. */
class CommandMessagesTest {

    @TempDir
    static Path shared;

    static RunningLogline logline;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        logline = RunningLogline.start(shared.resolve("server"));
        logline.ingest(ShopTraffic.ndjson(Instant.now()));
        logline.ingest(ShopTraffic.event(Instant.now(), "WARN", "term", "bell\\u0007 and \\u001b[2Jclear", "") + "\n");
        logline.awaitAnswer("/api/v1/search?last=1h&q=*", body -> RunningLogline.eventCount(body) == 7);
    }

    @AfterAll
    static void stop() throws Exception {
        logline.close();
    }

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void loglineAloneExplainsTheCommandsAndExitsAsAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("error: name a command").contains("Usage: logline", "server", "query");
    }

    @Test
    void theHelpTableIsTheCodesOwn() {
        assertThat(run("--help")).isZero();
        String help = out.toString();
        String table = help.substring(help.indexOf("Exit codes:"));
        List<String> rows = table.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> expected = ExitCodes.TABLE.entrySet().stream().map(e -> e.getKey() + "   " + e.getValue()).toList();
        assertThat(rows).isEqualTo(expected);
        assertThat(ExitCodes.TABLE).containsKeys(String.valueOf(ExitCodes.QUERY_ERROR), String.valueOf(ExitCodes.USAGE),
                String.valueOf(ExitCodes.UNREACHABLE), String.valueOf(ExitCodes.SERVER_ERROR),
                String.valueOf(ExitCodes.STARTUP_FAILED), String.valueOf(ExitCodes.FILE_ERROR));
    }

    @Test
    void theDocsListTheSameExitCodes() throws Exception {
        String config = Files.readString(Paths.get("..", "docs", "CONFIG.md"), StandardCharsets.UTF_8);
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `(\\d+)` \\| (.+?) \\|$").matcher(config);
        while (m.find()) {
            documented.put(m.group(1), m.group(2));
        }
        assertThat(documented).isEqualTo(ExitCodes.TABLE);
    }

    @Test
    void aRefusedKeyExitsAsAServerErrorNotABadQuery(@TempDir Path data) throws Exception {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--quiet")).isZero();
        try (RunningLogline secured = RunningLogline.startWithKeys(data)) {
            assertThat(run("query", "*", "--url", secured.url())).isEqualTo(ExitCodes.SERVER_ERROR);
            assertThat(err.toString()).contains("refused the request (401)");
        }
    }

    @Test
    void aTimeThatIsNoTimeIsAUsageErrorNotAnLqlError() {
        assertThat(run("query", "*", "--from", "yesterday", "--url", logline.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--from 'yesterday' is not a time", "2026-11-22T10:00:00Z", "--last 24h")
                .doesNotContain("column");
        assertThat(run("query", "*", "--from", "2026-11-22T10:00:00Z", "--url", logline.url()))
                .as(err.toString()).isZero();
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(run("server", "--port", String.valueOf(port), "--data", data.toString())).isEqualTo(ExitCodes.STARTUP_FAILED);
            assertThat(err.toString()).contains("port " + port + " is in use", "try --port 0")
                    .doesNotContain("NativeIoException").doesNotContain("Exception");
        }
    }

    @Test
    void aDataPathThatIsAFileIsCalledAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data"), "not a directory");
        assertThat(run("server", "--port", "0", "--data", file.toString())).isEqualTo(ExitCodes.STARTUP_FAILED);
        assertThat(err.toString()).contains(file + " is a file, not a directory").doesNotContain("permissions");
    }

    @Test
    void helpNeverBreaksAUrlOrATimestamp() {
        Pattern token = Pattern.compile("https?://[^\\s)'\",;]+|\\d{4}-\\d\\d-\\d\\dT[0-9:.]+(Z|[+-]\\d\\d:\\d\\d)?");
        List<String> checked = new ArrayList<>();
        for (CommandSpec spec : allCommands(Logline.commandLine().getCommandSpec())) {
            StringWriter help = new StringWriter();
            CommandLine cl = Logline.commandLine();
            String[] path = spec.qualifiedName(" ").split(" ");
            List<String> args = new ArrayList<>(List.of(path).subList(1, path.length));
            args.add("--help");
            cl.setOut(new PrintWriter(help, true));
            cl.execute(args.toArray(String[]::new));
            StringBuilder source = new StringBuilder(String.join(" ", spec.usageMessage().description()));
            for (OptionSpec o : spec.options()) {
                source.append(' ').append(String.join(" ", o.description())).append(' ').append(o.defaultValue());
            }
            Matcher m = token.matcher(source.toString().replace("%n", " "));
            while (m.find()) {
                assertThat(help.toString()).as(spec.qualifiedName()).contains(m.group());
                checked.add(m.group());
            }
        }
        assertThat(checked).contains("2026-11-22T10:00:00Z", "http://127.0.0.1:4680");
    }

    private static List<CommandSpec> allCommands(CommandSpec root) {
        List<CommandSpec> all = new ArrayList<>(List.of(root));
        for (CommandLine sub : root.subcommands().values()) {
            if (!all.contains(sub.getCommandSpec())) {
                all.addAll(allCommands(sub.getCommandSpec()));
            }
        }
        return all.stream().distinct().toList();
    }

    @Test
    void controlCharactersInEventsAreShownNotObeyed() {
        assertThat(run("query", "service:term", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("bell\\x07 and \\x1b[2Jclear").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void shippingABinaryFileSendsNothingAndSaysWhy(@TempDir Path dir) throws Exception {
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + (i % 7 == 0 ? 10 : 0));
        }
        Path file = Files.write(dir.resolve("app.log.gz"), binary);
        int exit = run("ship", file.toString(), "--once", "--service", "binary-probe", "--url", logline.url(),
                "--state-dir", dir.resolve("state").toString());
        assertThat(exit).isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).contains("skipping " + file + ": it is binary");
        assertThat(RunningLogline.eventCount(getQuietly("/api/v1/search?last=1h&q=service:binary-probe"))).isZero();
    }

    private static String getQuietly(String path) throws Exception {
        return logline.get(path);
    }

    @Test
    void revokingTwiceSaysSoAndNoErrorEchoesASecret(@TempDir Path data) {
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--quiet")).isZero();
        String token = out.toString().strip();
        String id = token.substring(3, 15);
        String secret = token.substring(16);

        assertThat(run("keys", "revoke", "--data", data.toString(), id)).isZero();
        assertThat(out.toString()).contains("Revoked API key " + id);
        out.getBuffer().setLength(0);
        assertThat(run("keys", "revoke", "--data", data.toString(), id)).isZero();
        assertThat(out.toString()).contains("API key " + id + " was already revoked at").doesNotContain("Revoked API key");

        // A whole key given where an id belongs: revoked by its id, the secret never printed.
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--quiet")).isZero();
        String second = out.toString().lines().reduce((a, b) -> b).orElseThrow().strip();
        out.getBuffer().setLength(0);
        assertThat(run("keys", "revoke", "--data", data.toString(), second)).isZero();
        assertThat(out + err.toString()).contains("revoking it by its id " + second.substring(3, 15))
                .doesNotContain(second.substring(16));
        assertThat(run("keys", "revoke", "--data", data.toString(), "ll_" + id + "_" + secret.substring(0, 20)))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not a key id").doesNotContain(secret.substring(0, 20));
    }

    @Test
    void aBadTenantLeavesNoDataDirectoryBehind(@TempDir Path dir) {
        Path data = dir.resolve("fresh-data");
        assertThat(run("keys", "create", "--data", data.toString(), "--role", "read", "--tenant", "bad/tenant"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("invalid tenant");
        assertThat(data).doesNotExist();
    }
}
