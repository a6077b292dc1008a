package dev.logline.cli;

import dev.logline.cli.testing.RunningLogline;
import dev.logline.cli.testing.ShopTraffic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logline query --saved NAME} against a real server whose tenant keeps saved searches. */
class SavedQueryCommandTest {

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
        for (String search : new String[] {
                "{\"name\": \"Purchasing\", \"query\": \"service:purchasing\", \"time\": {\"last\": \"1h\"}}",
                "{\"name\": \"long ago\", \"query\": \"*\", \"time\": {\"from\": \"2020-01-01T00:00:00Z\", \"to\": \"2020-01-02T00:00:00Z\"}}",
                "{\"name\": \"per service\", \"query\": \"* | stats count() by service\"}"}) {
            var r = logline.send("POST", "/api/v1/saved-searches", search);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        logline.close();
    }

    private int run(String... args) {
        return Logline.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void aSavedSearchRunsItsQueryByNameInAnyCase() {
        assertThat(run("query", "--saved", "purchasing", "--url", logline.url())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("payment accepted", "invoice sent", "2 events").doesNotContain("stock reserved");
        assertThat(run("query", "--saved", "per service", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("3 rows");
    }

    @Test
    void theSavedRangeAppliesUnlessTheCommandGivesOne() {
        assertThat(run("query", "--saved", "long ago", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("0 events");
        assertThat(run("query", "--saved", "long ago", "--last", "1h", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("6 events");
    }

    @Test
    void anUnknownNameListsTheNamesThereAre() {
        assertThat(run("query", "--saved", "nope", "--url", logline.url())).isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).contains("no saved search named 'nope'", "'Purchasing'", "'per service'");
        assertThat(run("query", "x", "--saved", "nope", "--url", logline.url())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not both");
        assertThat(run("query", "--url", logline.url())).isEqualTo(ExitCodes.USAGE);
    }
}
