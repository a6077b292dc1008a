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

/** query, trace and tail against a real server with a real column store. */
class CommandsAgainstServerTest {

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
    void queryPrintsMatchingEventsAsATable() {
        assertThat(run("query", "service:purchasing", "--url", logline.url())).isZero();
        assertThat(out.toString())
                .contains("time", "level", "service", "message")
                .contains("payment accepted", "invoice sent", "2 events")
                .doesNotContain("stock reserved");
    }

    @Test
    void queryAsJsonLinesGivesOneParsableEventPerLine() throws Exception {
        assertThat(run("query", "level:ERROR", "--json", "--url", logline.url())).isZero();
        var lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertThat(node.get("msg").asText()).isEqualTo("order placement timed out");
        assertThat(node.get("error").get("type").asText()).isEqualTo("java.net.SocketTimeoutException");
    }

    @Test
    void statsQueryPrintsItsTable() {
        assertThat(run("query", "service:(inventory OR purchasing OR ordering) | stats count() by service", "--url", logline.url())).isZero();
        String text = out.toString();
        assertThat(text).contains("service").contains("3 rows");
        assertThat(text.lines().filter(l -> l.startsWith("purchasing")).findFirst().orElseThrow()).endsWith("2");
    }

    @Test
    void aFieldsPipeChoosesTheColumns() {
        assertThat(run("query", "order_id:ORD987 | fields service, order_id", "--url", logline.url())).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "service     order_id",
                "----------  --------",
                "ordering    ORD987",
                "purchasing  ORD987",
                "inventory   ORD987",
                "3 events");
    }

    @Test
    void aQueryTooLongForAUrlIsPostedAndAnswered() {
        StringBuilder q = new StringBuilder("service:purchasing");
        for (int i = 0; q.length() < 6_000; i++) {
            q.append(" -msg:\"no such message ").append(i).append('"');
        }
        assertThat(run("query", q.toString(), "--url", logline.url())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("payment accepted", "invoice sent", "2 events");
    }

    @Test
    void limitCapsThePrintedEvents() {
        assertThat(run("query", "*", "--limit", "2", "--json", "--url", logline.url())).isZero();
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void badLqlExitsWithOneAndMarksTheColumn() {
        assertThat(run("query", "level:(ERROR", "--url", logline.url())).isEqualTo(ExitCodes.QUERY_ERROR);
        String e = err.toString();
        assertThat(e).startsWith("error: ").contains("  level:(ERROR").containsPattern("\\n +\\^ column \\d+");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void traceDrawsOneLanePerServiceInOrder() {
        assertThat(run("trace", ShopTraffic.TRACE_ID, "--url", logline.url())).isZero();
        String text = out.toString();
        assertThat(text).contains("3 services  3 events  1 errors");
        assertThat(text.indexOf("  inventory ")).isLessThan(text.indexOf("  purchasing "));
        assertThat(text.indexOf("  purchasing ")).isLessThan(text.indexOf("  ordering "));
        assertThat(text).contains("· 0.6 ms auth header present line 132").contains("!! java.net.SocketTimeoutException");
    }

    @Test
    void traceByCorrelationField() {
        assertThat(run("trace", "ORD987", "--field", "order_id", "--url", logline.url())).isZero();
        assertThat(out.toString()).contains("order_id ORD987  3 services  3 events");
    }

    @Test
    void unknownTraceExitsWithOne() {
        assertThat(run("trace", "0000000000000000000000000000dead", "--url", logline.url()))
                .isEqualTo(ExitCodes.QUERY_ERROR);
        assertThat(err.toString()).isNotEmpty();
    }

    @Test
    void tailPrintsEventsIndexedAfterItConnected() throws Exception {
        tailPrints("service:billing");
    }

    @Test
    void tailTakesAFilterTooLongForAUrl() throws Exception {
        StringBuilder q = new StringBuilder("service:billing");
        for (int i = 0; q.length() < 6_000; i++) {
            q.append(" -msg:\"no such message ").append(i).append('"');
        }
        tailPrints(q.toString());
    }

    private void tailPrints(String filter) throws Exception {
        Thread tail = new Thread(() -> run("tail", filter, "--max-events", "1", "--url", logline.url()));
        tail.start();
        try {
            // The stream may connect after the first post; keep posting until the tail has printed one.
            for (int i = 0; i < 100 && tail.isAlive(); i++) {
                logline.ingest(ShopTraffic.event(Instant.now(), "INFO", "billing", "tail check " + i, "") + "\n");
                tail.join(300);
            }
        } finally {
            tail.interrupt();
        }
        assertThat(tail.isAlive()).isFalse();
        assertThat(out.toString()).containsPattern("INFO  billing +tail check \\d+");
    }
}
