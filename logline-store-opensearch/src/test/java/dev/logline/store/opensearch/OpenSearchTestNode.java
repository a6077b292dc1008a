package dev.logline.store.opensearch;

import org.codelibs.opensearch.runner.OpenSearchRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A single OpenSearch 2.19 node in this JVM (codelibs' runner: OpenSearch as a library), on a free loopback port,
 * data in a temporary folder deleted on close. Tests share one per JVM ({@link #shared()}); {@link #main} runs one
 * as a child process for tests whose JVM holds Armeria (its Netty 4.2 and OpenSearch's 4.1 cannot share a JVM): it
 * prints {@code OPENSEARCH_URL=http://127.0.0.1:<port>} once the node is up and stops when its input closes.
 */
public final class OpenSearchTestNode implements AutoCloseable {

    private static OpenSearchTestNode shared;

    private final OpenSearchRunner runner;
    private final Path home;
    private final URI url;

    private OpenSearchTestNode(OpenSearchRunner runner, Path home, URI url) {
        this.runner = runner;
        this.home = home;
        this.url = url;
    }

    /** The node of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized OpenSearchTestNode shared() {
        if (shared == null) {
            shared = start();
            OpenSearchTestNode node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "opensearch-test-node-stop"));
        }
        return shared;
    }

    public static OpenSearchTestNode start() {
        try {
            Path home = Files.createTempDirectory("logline-opensearch-");
            int port = freePort();
            OpenSearchRunner runner = new OpenSearchRunner();
            runner.setMaxHttpPort(port);
            runner.onBuild((number, settings) -> {
                settings.put("http.port", port);
                settings.put("http.host", "127.0.0.1");
                settings.put("transport.host", "127.0.0.1");
                settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
                settings.put("action.auto_create_index", true);
                settings.put("indices.id_field_data.enabled", false);
            }).build(OpenSearchRunner.newConfigs().numOfNode(1).basePath(home.toString())
                    .clusterName("logline-test-" + ProcessHandle.current().pid()).baseHttpPort(port - 1)
                    .disableESLogger());
            runner.ensureYellow();
            return new OpenSearchTestNode(runner, home, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test OpenSearch node", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public URI url() {
        return url;
    }

    @Override
    public synchronized void close() {
        try {
            runner.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("test OpenSearch node: " + e.getMessage());
        } finally {
            runner.clean();
        }
    }

    /** Runs a node until standard input closes (the parent test ended or died). */
    public static void main(String[] args) throws Exception {
        OpenSearchTestNode node = start();
        System.out.println("OPENSEARCH_URL=" + node.url());
        System.out.flush();
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for end of input
                }
            } catch (IOException ignored) {
                // the parent is gone
            }
            done.countDown();
        }, "stdin-watch");
        reader.setDaemon(true);
        reader.start();
        done.await();
        node.close();
        System.exit(0);
    }
}
