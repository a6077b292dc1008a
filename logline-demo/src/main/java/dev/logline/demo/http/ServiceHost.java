package dev.logline.demo.http;

import dev.logline.context.servlet.TraceContextFilter;
import dev.logline.demo.logging.ShopLoggers;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.net.URI;
import java.util.EnumSet;
import java.util.Map;

/**
 * One shop service's HTTP server: an embedded Jetty on loopback whose every request runs behind
 * {@link TraceContextFilter}, which continues the caller's trace and emits one request event per request on the
 * service's own request logger.
 */
public final class ServiceHost implements AutoCloseable {

    private final Server server;
    private final URI uri;

    private ServiceHost(Server server, URI uri) {
        this.server = server;
        this.uri = uri;
    }

    /**
     * Starts {@code service}'s server on {@code port} (0 picks a free one) with one servlet per path.
     *
     * @param traced false for a stand-in of a third party, which neither continues traces nor logs to us
     */
    public static ServiceHost start(String service, int port, Map<String, HttpServlet> routes, boolean traced) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        // Thread names show up in every event's `thread` field: say whose they are.
        threads.setName(service + "-http");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        if (traced) {
            TraceContextFilter filter = new TraceContextFilter();
            filter.setRequestLogger(ShopLoggers.requestLogger(service));
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        routes.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what the caller needs to see
            }
            throw new IllegalStateException("cannot start the " + service + " service on 127.0.0.1:" + port
                    + ": " + e.getMessage(), e);
        }
        return new ServiceHost(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    /** Base address, e.g. {@code http://127.0.0.1:40123}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping " + uri + " failed: " + e.getMessage(), e);
        }
    }
}
