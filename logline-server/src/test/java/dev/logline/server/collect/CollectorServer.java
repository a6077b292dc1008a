package dev.logline.server.collect;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestLimits;
import dev.logline.server.ingest.IngestPipeline;
import dev.logline.server.metrics.IngestMetrics;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A real Armeria server on a random port serving collector services over the server's real {@link IngestPipeline}
 * in front of one {@link RecordingStore}, for a test class ({@code @RegisterExtension static}): started before its
 * tests, the store emptied before each, stopped after.
 */
public final class CollectorServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Where every mounted service's events are written. */
    public final RecordingStore store = new RecordingStore();

    private final Map<String, Function<EventSink, HttpService>> services = new LinkedHashMap<>();
    private final IngestLimits limits;
    private IngestPipeline pipeline;
    private Server server;

    public CollectorServer() {
        this(IngestLimits.defaults());
    }

    public CollectorServer(IngestLimits limits) {
        this.limits = limits;
    }

    /** Mounts the service the factory builds over the pipeline at {@code path}. */
    public CollectorServer mount(String path, Function<EventSink, HttpService> service) {
        services.put(path, service);
        return this;
    }

    /** The port the server listens on, once started. */
    public int port() {
        return server.activeLocalPort();
    }

    /** {@code http://127.0.0.1:port} followed by the path. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The counts the pipeline keeps per collector. */
    public IngestMetrics metrics() {
        return pipeline.metrics();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerBuilder builder = Server.builder().http(0).gracefulShutdownTimeoutMillis(0, 0)
                .maxRequestLength(limits.maxRequestBytes());
        resetPipeline();
        services.forEach((path, service) -> builder.service(path, service.apply(new Forwarding())));
        server = builder.build();
        server.start().join();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        store.reset();
        resetPipeline();
    }

    private void resetPipeline() {
        pipeline = new IngestPipeline(store, limits, new IngestMetrics());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop().join();
    }

    /** The pipeline of the current test, so each test's metrics start at zero while services stay mounted. */
    private final class Forwarding implements EventSink {
        @Override
        public IngestLimits limits() {
            return pipeline.limits();
        }

        @Override
        public RuntimeException admit(String collector, long declaredBytes) {
            return pipeline.admit(collector, declaredBytes);
        }

        @Override
        public void received(String collector, long bytes) {
            pipeline.received(collector, bytes);
        }

        @Override
        public java.util.concurrent.CompletableFuture<dev.logline.server.ingest.IngestOutcome> ingest(
                String tenant, String collector, dev.logline.server.ingest.DecodedBatch batch, long startNanos) {
            return pipeline.ingest(tenant, collector, batch, startNanos);
        }
    }
}
