package dev.logline.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.bench.data.QueryTargets;
import dev.logline.bench.data.SourceKind;
import dev.logline.bench.store.StoreIngestBenchmark;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.dashboards.DashboardSettings;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A dashboard of 10 panels over the last 24 h loaded through the real server: {@code POST /api/v1/panels/query}
 * on a {@link LoglineServer} over the column store (filled by {@link StoreIngestBenchmark} with generated events),
 * timed from the request to the whole answer, as the web UI loads a board. Reports board loads (all 10 panels,
 * the server running {@code --concurrency} at once) next to the same panels one request at a time.
 */
@Command(name = "logline bench dashboard", mixinStandardHelpOptions = true,
        description = "Loads a 10-panel dashboard over 24 h of generated events and reports how long a board takes.")
public final class DashboardLoadBenchmark implements Runnable {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--events", defaultValue = "1000000", description = "Events to generate. Default: ${DEFAULT-VALUE}")
    long events;

    @Option(names = "--full", description = "Full mode: 10,000,000 events (overrides --events).")
    boolean full;

    @Option(names = "--dir", description = "Store folder; filled first unless --reuse (default: a new folder under target/).")
    Path dir;

    @Option(names = "--reuse", description = "Use the events already in --dir (from a run minutes ago: panels cover the last 24 h).")
    boolean reuse;

    @Option(names = "--runs", defaultValue = "20", description = "Timed board loads. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--partial-cache-bytes", defaultValue = "16777216",
            description = "The store's cache of whole parts' aggregation partials (0: off, every load reads every "
                    + "block). Default: ${DEFAULT-VALUE}")
    long partialCacheBytes;

    @Option(names = "--concurrency", defaultValue = "4", description = "Panels of one board run at once. Default: ${DEFAULT-VALUE}")
    int concurrency;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardLoadBenchmark()).execute(args));
    }

    /** The 10 panels: the shapes a shop board has (timecharts, stats by service, percentiles, a count, events). */
    static List<String> panels(QueryTargets t) {
        String n = t.numericField();
        return List.of(
                "* | timechart 30m count() by level",
                "* | stats count() by service",
                "level:ERROR | timechart 30m count() by service",
                "* | stats p95(" + n + ") by service",
                "level:ERROR | stats count()",
                "* | timechart 1h avg(" + n + ")",
                "service:" + t.filterService() + " | stats count() by level",
                "level:" + t.filterLevel() + " service:" + t.filterService(),
                "* | stats count(), max(" + n + ") by service",
                "\"" + t.phrase() + "\" | stats count()");
    }

    @Override
    public void run() {
        long total = full ? 10_000_000L : events;
        Path data = dir != null ? dir : Path.of("target", "dashboard-load-" + System.currentTimeMillis());
        if (!reuse) {
            int code = new CommandLine(new StoreIngestBenchmark()).execute("--events", Long.toString(total), "--runs", "0",
                    "--dir", data.toString());
            if (code != 0) {
                throw new IllegalStateException("filling the store failed with exit code " + code);
            }
        } else if (!Files.isDirectory(data.resolve("tenants"))) {
            throw new IllegalArgumentException("--reuse: " + data + " holds no store; run without --reuse first");
        }
        // The same generator and seed the store was filled with, so the panels' service, level and phrase exist.
        QueryTargets targets = SourceKind.generated.open(42, total, Instant.now(), Duration.ofHours(23)).targets();
        List<String> queries = panels(targets);
        try (ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data).toBuilder().retentionDays(0)
                .partialCacheBytes(partialCacheBytes).build())) {
            LoglineServer server = LoglineServer.builder().config(ServerConfig.defaults().withPort(0)).store(store)
                    .dashboards(DashboardSettings.defaults().withPanelConcurrency(concurrency)).build().start();
            try {
                measure(server.port(), queries);
            } finally {
                server.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("data in " + data.toAbsolutePath() + " (delete it when done)");
    }

    private void measure(int port, List<String> queries) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/panels/query");
        ObjectNode board = JSON.createObjectNode();
        board.putObject("time").put("last", "24h");
        ArrayNode panels = board.putArray("panels");
        for (int i = 0; i < queries.size(); i++) {
            panels.addObject().put("id", "p" + i).put("query", queries.get(i)).put("limit", 50);
        }
        long firstStart = System.nanoTime();
        JsonNode first = post(http, uri, board.toString());
        double firstMs = (System.nanoTime() - firstStart) / 1e6;
        System.out.printf("%n| panel | query | answer |%n|---|---|---|%n");
        for (JsonNode p : first.get("panels")) {
            JsonNode r = p.path("result");
            String answer = p.get("status").asInt() != 200 ? "error " + p.path("error").asText()
                    : r.has("rows") ? r.get("rows").size() + " rows, scanned " + r.path("scanned").path("events").asLong() + " events"
                    : r.path("events").size() + " events";
            System.out.printf("| %s | `%s` | %s |%n", p.get("id").asText(), p.get("query").asText(), answer);
        }
        double[] boardMs = time(() -> post(http, uri, board.toString()));
        double[] serialMs = time(() -> {
            // The same panels one after another, each its own request: what a board costs without the fan-out.
            for (int i = 0; i < queries.size(); i++) {
                ObjectNode one = board.deepCopy();
                one.set("panels", JSON.createArrayNode().add(panels.get(i)));
                post(http, uri, one.toString());
            }
            return null;
        });
        System.out.printf("%n| measure (%d runs; partial cache %s) | p50 ms | p90 ms | max ms |%n|---|---:|---:|---:|%n", runs,
                partialCacheBytes > 0 ? partialCacheBytes / (1 << 20) + " MiB" : "off");
        System.out.printf(Locale.ROOT, "| the first board load (nothing cached, code not yet compiled) | %.0f | | |%n",
                firstMs);
        row("board of 10 panels, " + concurrency + " at once (one request)", boardMs);
        row("the same 10 panels one at a time", serialMs);
        System.out.printf(Locale.ROOT, "| load average at the end (1 min), %d cores | %.1f | | |%n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private interface Call {
        Object run() throws IOException, InterruptedException;
    }

    private double[] time(Call call) throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            call.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void row(String name, double[] ms) {
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", name, ms[ms.length / 2],
                ms[Math.min(ms.length - 1, (int) (ms.length * 0.9))], ms[ms.length - 1]);
    }

    private static JsonNode post(HttpClient http, URI uri, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the panel query answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
