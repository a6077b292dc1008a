package dev.logline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.core.LogEvent;
import dev.logline.server.collect.BatchReport;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoglineServerTest {

    ServerFixture fx;

    @BeforeAll
    void start(@TempDir Path dir) {
        fx = new ServerFixture(dir, LoglineServer.builder()
                .config(ServerConfig.defaults().withPort(0)
                        .withLimits(IngestLimits.defaults().withMaxFieldsPerEvent(5)))
                .webRoot(LoglineServerTest.class.getClassLoader(), "dev/logline/server/testweb")
                // The shape other collectors are mounted in: a service made from the server's sink.
                .collector("/test/push", c -> (ctx, req) -> HttpResponse.of(req.aggregate().thenCompose(agg -> {
                    LogEvent ok = LogEvent.builder().timestamp(Instant.now()).msg("november pushed").build();
                    LogEvent.Builder wide = LogEvent.builder().timestamp(Instant.now()).msg("november too wide");
                    for (int i = 0; i < 6; i++) {
                        wide.attribute("f" + i, (long) i);
                    }
                    DecodedBatch batch = new DecodedBatch(
                            List.of(new DecodedItem(1, ok, 100), new DecodedItem(2, wide.build(), 100)), List.of());
                    return c.sink().ingest(c.tenants().tenantOf(ctx), "test", batch, System.nanoTime())
                            .thenApply(outcome -> JsonResponse.of(HttpStatus.OK, BatchReport.of(outcome)));
                }))));
    }

    @AfterAll
    void stop() throws IOException {
        fx.close();
    }

    @Test
    void nothingListensBeforeStart(@TempDir Path dir) throws IOException {
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir))) {
            LoglineServer server = LoglineServer.create(ServerConfig.defaults().withPort(0), store);
            assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
            server.start();
            int port = server.port();
            assertThat(port).isPositive();
            server.close();
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void healthz() {
        var r = fx.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void theWebUiIsServedAtTheRootWithoutShadowingTheApiOrElasticsearch() {
        var page = fx.send(HttpRequest.newBuilder(fx.uri("/")).header("Accept", "text/html,application/xhtml+xml"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("logline test page");
        assertThat(fx.get("/index.html").body()).contains("logline test page");
        assertThat(fx.get("/js/app.js").body()).contains("test ui");
        assertThat(fx.get("/js/missing.js").statusCode()).isEqualTo(404);
        // An Elasticsearch client asking for / still gets the node info.
        assertThat(json(fx.get("/")).get("version").get("number").asText()).isEqualTo("8.15.0");
        assertThat(fx.get("/api/v1/search?q=*").statusCode()).isEqualTo(200);
    }

    @Test
    void extraCollectorsWriteThroughTheSinkWhichReportsEventsOverLimits() {
        var r = fx.send(HttpRequest.newBuilder(fx.uri("/test/push")).POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("accepted").asInt()).isEqualTo(1);
        assertThat(json(r).get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(json(r).get("rejected").get(0).get("error").asText()).contains("6 fields, over the limit of 5");
        fx.store.refreshNow();
        JsonNode found = fx.search("november", "");
        assertThat(found.get("events")).extracting(e -> e.get("msg").asText()).containsExactly("november pushed");
        assertThat(fx.server.metrics().collector("test").rejected()).isEqualTo(1);
        assertThat(fx.server.metrics().collector("test").events()).isEqualTo(1);
    }

    @Test
    void metricsArePrometheusText() {
        fx.ingest("{\"msg\":\"oscar\"}\n");
        var r = fx.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body())
                .contains("# TYPE logline_events_ingested_total counter")
                .containsPattern("logline_events_ingested_total\\{collector=\"native\"} [1-9]")
                .contains("logline_ingest_latency_seconds_bucket{collector=\"native\",le=\"+Inf\"}")
                .contains("logline_ingest_latency_seconds_count{collector=\"native\"}")
                .contains("logline_store_pending_events ")
                .contains("logline_store_wal_bytes ");
    }
}
