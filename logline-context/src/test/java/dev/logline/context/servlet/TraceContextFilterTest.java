package dev.logline.context.servlet;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.logline.context.CapturedLogs;
import dev.logline.context.DebugBuffer;
import dev.logline.context.RequestEvent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.logline.context.CapturedLogs.keyValue;
import static org.assertj.core.api.Assertions.assertThat;

/** One service behind the filter with the debug buffer on, answering well, badly and asynchronously. */
class TraceContextFilterTest {

    private static final List<String> replayed = new CopyOnWriteArrayList<>();
    private static Server server;
    private static URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    private CapturedLogs logs;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(new TraceContextFilter());
        filter.setInitParameter("debugBuffer", "true");
        filter.setInitParameter("debugBufferSize", "8");
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String mode = req.getPathInfo();
                // Stands in for a backend diverting a DEBUG line: held now, replayed only if the request fails.
                DebugBuffer.current().orElseThrow().hold(() -> replayed.add(mode + " " + MDC.get("trace_id")));
                RequestEvent.current().put("mode", mode);
                switch (mode) {
                    case "/throw": throw new IllegalStateException("stock service down");
                    case "/503": resp.sendError(503); return;
                    default: resp.getWriter().write("ok");
                }
            }
        }), "/orders/*");
        ServletHolder async = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext ac = req.startAsync();
                ac.start(() -> {
                    try {
                        ac.getResponse().getWriter().write("later");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    ac.complete();
                });
            }
        });
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void capture() {
        logs = new CapturedLogs();
        replayed.clear();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    private HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (header != null) {
            b.header(header, value);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ILoggingEvent requestEvent() throws InterruptedException {
        for (int i = 0; i < 500 && logs.from("logline.request").isEmpty(); i++) {
            Thread.sleep(10);
        }
        return logs.from("logline.request").get(0);
    }

    @Test
    void successfulRequestContinuesRequestIdAndDropsDebugLines() throws Exception {
        HttpResponse<String> response = get("/orders/ok", "X-Request-Id", "req-7f3a");
        assertThat(response.headers().firstValue("x-trace-id")).contains("req-7f3a");
        assertThat(response.headers().firstValue("traceparent")).isEmpty();
        ILoggingEvent event = requestEvent();
        assertThat(event.getLevel().toString()).isEqualTo("INFO");
        assertThat(event.getFormattedMessage()).isEqualTo("GET /orders/* 200");
        assertThat(keyValue(event, "mode")).isEqualTo("/ok");
        assertThat(event.getMDCPropertyMap()).containsEntry("trace_id", "req-7f3a");
        assertThat(replayed).isEmpty();
    }

    @Test
    void exceptionMakesAnErrorEventAndReleasesTheDebugLines() throws Exception {
        HttpResponse<String> response = get("/orders/throw", "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(response.statusCode()).isEqualTo(500);
        ILoggingEvent event = requestEvent();
        assertThat(event.getLevel().toString()).isEqualTo("ERROR");
        assertThat(keyValue(event, "status")).isEqualTo(500);
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("stock service down");
        assertThat(replayed).containsExactly("/throw 4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void serverErrorStatusAlsoReleasesTheDebugLines() throws Exception {
        assertThat(get("/orders/503", null, null).statusCode()).isEqualTo(503);
        assertThat(requestEvent().getLevel().toString()).isEqualTo("ERROR");
        assertThat(replayed).hasSize(1);
    }

    @Test
    void asyncRequestEmitsItsEventWhenTheAsyncCycleCompletes() throws Exception {
        HttpResponse<String> response = get("/async", null, null);
        assertThat(response.body()).isEqualTo("later");
        ILoggingEvent event = requestEvent();
        assertThat(event.getFormattedMessage()).isEqualTo("GET /async 200");
        assertThat(event.getMDCPropertyMap()).containsEntry("trace_id", response.headers().firstValue("x-trace-id").orElseThrow());
        assertThat(logs.from("logline.request")).hasSize(1);
    }
}
