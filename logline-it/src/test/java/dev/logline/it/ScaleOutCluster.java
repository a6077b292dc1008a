package dev.logline.it;

import dev.logline.server.collect.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The topology of {@code docs/SCALING.md} on one machine: an in-process KRaft broker, an OpenSearch 2.19 node in a
 * child JVM (its Netty cannot share a JVM with Armeria's) and any number of {@code logline server} processes
 * started by the real CLI, each reading the topic in one consumer group and storing in OpenSearch.
 */
final class ScaleOutCluster implements AutoCloseable {

    static final String TOPIC = "logline";
    static final String GROUP = "logline-it";
    /** Written by logline-store-opensearch's build: the test node's classpath. */
    static final Path NODE_CLASSPATH = Path.of("..", "logline-store-opensearch", "target", "opensearch-node.classpath");

    /** Where the processes' output goes, kept after the test for a look when it fails. */
    static final Path LOGS = Path.of("target", "scale-out-logs");

    private final Path dir;
    final KafkaBroker broker;
    private final ChildJvm opensearch;
    final URI opensearchUrl;
    private final List<ChildJvm> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ScaleOutCluster(Path dir, KafkaBroker broker, ChildJvm opensearch, URI opensearchUrl) {
        this.dir = dir;
        this.broker = broker;
        this.opensearch = opensearch;
        this.opensearchUrl = opensearchUrl;
    }

    /** Whether logline-store-opensearch was built, so its test node can run. */
    static boolean available() {
        return Files.isRegularFile(NODE_CLASSPATH);
    }

    static ScaleOutCluster start(Path dir, int partitions) throws Exception {
        KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
        ChildJvm node = null;
        try {
            Path module = NODE_CLASSPATH.getParent();
            String classpath = module.resolve("test-classes") + java.io.File.pathSeparator + module.resolve("classes")
                    + java.io.File.pathSeparator + Files.readString(NODE_CLASSPATH, StandardCharsets.UTF_8).trim();
            node = ChildJvm.start("opensearch", classpath, List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC"),
                    "dev.logline.store.opensearch.OpenSearchTestNode", List.of(), LOGS.resolve("opensearch.log"));
            URI url = URI.create(node.awaitLine("OPENSEARCH_URL=(\\S+)", Duration.ofMinutes(4)));
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get();
            }
            return new ScaleOutCluster(dir, broker, node, url);
        } catch (Exception | Error e) {
            if (node != null) {
                node.close();
            }
            broker.close();
            throw e;
        }
    }

    /** A {@code logline server} process in the group; returns it once it listens, with its base URL. */
    Server startServer(String name) throws InterruptedException {
        return startServer(name, GROUP, "default");
    }

    /** A server reading the topic in {@code group}, storing for {@code tenant}. */
    Server startServer(String name, String group, String tenant) throws InterruptedException {
        ChildJvm jvm = ChildJvm.start("server-" + name, System.getProperty("java.class.path"),
                List.of("-Xmx512m", "-XX:+UseG1GC"), "dev.logline.cli.Logline",
                List.of("server", "--port", "0", "--data", dir.resolve("server-" + name).toString(),
                        "--store", "opensearch", "--opensearch-url", opensearchUrl.toString(),
                        "--opensearch-replicas", "0",
                        "--kafka-bootstrap", broker.bootstrapServers(), "--kafka-topic", TOPIC,
                        "--kafka-group", group, "--kafka-tenant", tenant,
                        // A crashed member's partitions move on after this long.
                        "--kafka-property", "session.timeout.ms=6000",
                        "--kafka-property", "heartbeat.interval.ms=1000"),
                LOGS.resolve("server-" + name + ".log"));
        servers.add(jvm);
        String port = jvm.awaitLine("listening on 127\\.0\\.0\\.1:(\\d+)", Duration.ofMinutes(2));
        return new Server(jvm, URI.create("http://127.0.0.1:" + port));
    }

    /** One server process and its address. */
    record Server(ChildJvm jvm, URI url) {
    }

    /** GET a path of a server; the body, or an AssertionError with the status. */
    String get(Server s, String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(s.url().resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(pathAndQuery + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GET a path of the OpenSearch node (the benchmark counts there). */
    String openSearchGet(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(opensearchUrl.resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm s : servers) {
            s.close();
        }
        opensearch.close();
        broker.close();
    }
}
