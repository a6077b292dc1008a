package dev.logline.cli;

import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logline alerts list|create|test} against a real server with alerting on a real column store. */
class AlertsCommandTest {

    @TempDir
    static Path data;

    static RunningLogline logline;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        logline = RunningLogline.start(data);
        logline.ingest(ShopTraffic.ndjson(Instant.now()));
        logline.awaitAnswer("/api/v1/search?last=1h&q=*", body -> RunningLogline.eventCount(body) == 6);
    }

    @AfterAll
    static void stop() throws Exception {
        logline.close();
    }

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aRuleCreatedFromOptionsIsListedAndTested() {
        assertThat(run("alerts", "create", "--name", "shop errors", "--query", "level:ERROR", "--condition",
                "count() > 0", "--window", "1h", "--by", "service", "--url", logline.url())).as(err.toString()).isZero();
        String created = out.toString();
        assertThat(created).startsWith("created alert rule ").contains("(shop errors): count() > 0 over 1h");
        String id = created.substring("created alert rule ".length()).split(" ")[0];

        out.getBuffer().setLength(0);
        assertThat(run("alerts", "test", id, "--url", logline.url())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("service=ordering", "yes", "count() > 0 from ", ": breaching");

        out.getBuffer().setLength(0);
        assertThat(run("alerts", "list", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("id", "state", id, "shop errors", "count() > 0", "api");
    }

    @Test
    void aRuleFromAFileIsTestedWithoutBeingSaved() throws Exception {
        Path rule = data.resolve("slow.json");
        Files.writeString(rule, "{\"name\": \"slow\", \"query\": \"*\", \"condition\": \"count() > 100\", \"window\": \"1h\"}");
        assertThat(run("alerts", "test", "--file", rule.toString(), "--url", logline.url())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("(all)", "no", ": not breaching");
    }

    @Test
    void aBadConditionIsRefusedWithTheServersReason() {
        assertThat(run("alerts", "create", "--name", "x", "--condition", "count() >", "--url", logline.url()))
                .isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).contains("error: the server refused the rule: condition:");
    }

    @Test
    void testNeedsAnIdOrARule() {
        assertThat(run("alerts", "test", "--url", logline.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("give either a rule id or the rule");
    }

    @Test
    void aServerWithABadAlertsFileDoesNotStartAndSaysWhere() throws Exception {
        Path file = data.resolve("alerts.json");
        Files.writeString(file, "{\"rules\": [{\"id\": \"errors\", \"name\": \"errors\", \"condition\": \"count() >> 1\"}]}");
        assertThat(run("server", "--port", "0", "--data", data.resolve("bad").toString(), "--alerts", file.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("rule 1 ('errors') of the alerts file", "condition");
    }

    @Test
    void helpExplainsTheSubcommands() {
        assertThat(run("alerts", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: logline alerts", "list", "create", "test");
    }
}
