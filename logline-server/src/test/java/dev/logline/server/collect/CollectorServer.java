package dev.logline.server.collect;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.logline.server.ingest.EventSink;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A real Armeria server on a random port serving collector services over one {@link RecordingSink}, for a test
 * class ({@code @RegisterExtension static}): started before its tests, the sink emptied before each, stopped after.
 */
public final class CollectorServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** What every mounted service hands its events to. */
    public final RecordingSink sink = new RecordingSink();

    private final Map<String, Function<EventSink, HttpService>> services = new LinkedHashMap<>();
    private Server server;

    /** Mounts the service the factory builds over {@link #sink} at {@code path}. */
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

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerBuilder builder = Server.builder().http(0).gracefulShutdownTimeoutMillis(0, 0);
        services.forEach((path, service) -> builder.service(path, service.apply(sink)));
        server = builder.build();
        server.start().join();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sink.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop().join();
    }
}
