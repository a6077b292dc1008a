package dev.logline.context.servlet;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.logline.context.CapturedLogs;
import dev.logline.context.CurrentTrace;
import dev.logline.context.RequestEvent;
import dev.logline.context.http.HttpClientTracing;
import dev.logline.context.propagation.ContextCompletableFuture;
import dev.logline.context.propagation.ContextExecutors;
import dev.logline.core.trace.TraceContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.logline.context.CapturedLogs.keyValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop from the design: ordering (C) calls purchasing (B), which calls inventory (A), over real HTTP on
 * random ports, each behind {@link TraceContextFilter} on an embedded Jetty.
 */
class ThreeServicesTest {

    private static final Logger INVENTORY = LoggerFactory.getLogger("shop.inventory.Stock");
    private static final Logger PURCHASING = LoggerFactory.getLogger("shop.purchasing.Orders");
    private static final Logger ORDERING = LoggerFactory.getLogger("shop.ordering.Api");

    private final List<Server> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService rawWorkers = Executors.newFixedThreadPool(2, named("worker-"));
    private final ExecutorService rawChain = Executors.newFixedThreadPool(2, named("chain-"));
    private final ExecutorService workers = ContextExecutors.wrap(rawWorkers);
    private CapturedLogs logs;
    private URI inventory;
    private URI purchasing;
    private URI ordering;

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @BeforeEach
    void start() throws Exception {
        logs = new CapturedLogs();
        inventory = startService(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                String sku = req.getParameter("sku");
                RequestEvent.current().put("sku", sku);
                INVENTORY.info("reserving {}", sku);
                resp.getWriter().write("reserved " + sku);
            }
        }, "/reserve", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                // Not behind the filter: whatever a pooled thread still holds would show here.
                String held = MDC.get("trace_id") + "|" + CurrentTrace.get().isPresent() + "|" + RequestEvent.current().isActive();
                resp.getWriter().write(held);
            }
        });
        purchasing = startService(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                PURCHASING.info("purchase started");
                RequestEvent.current().put("order_id", "ORD987");
                try {
                    Future<?> fraud = workers.submit(() -> {
                        PURCHASING.info("fraud check passed");
                        RequestEvent.current().put("fraud_score", 0.1);
                    });
                    fraud.get();
                    HttpRequest call = HttpClientTracing.newBuilder(inventory.resolve("/reserve?sku=SKU-1")).GET().build();
                    String answer = ContextCompletableFuture.adopt(http.sendAsync(call, HttpResponse.BodyHandlers.ofString()))
                            .thenApplyAsync(r -> {
                                PURCHASING.info("inventory answered {}", r.body());
                                return r.body();
                            }, rawChain)
                            .thenApplyAsync(body -> {
                                PURCHASING.info("payment captured");
                                return "paid; " + body;
                            }, rawChain)
                            .get();
                    resp.getWriter().write(answer);
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }, "/purchase", null);
        ordering = startService(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                ORDERING.info("order received");
                HttpRequest call = HttpClientTracing.newBuilder(purchasing.resolve("/purchase"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build();
                try {
                    HttpResponse<String> r = http.send(call, HttpResponse.BodyHandlers.ofString());
                    ORDERING.info("order placed: {}", r.body());
                    resp.getWriter().write(r.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }, "/order", null);
    }

    private URI startService(HttpServlet servlet, String path, HttpServlet probe) throws Exception {
        Server server = new Server(new QueuedThreadPool(12, 4));
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new TraceContextFilter()), path, EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), path);
        if (probe != null) {
            context.addServlet(new ServletHolder(probe), "/probe");
        }
        server.setHandler(context);
        server.start();
        servers.add(server);
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        for (Server s : servers) {
            s.stop();
        }
        rawWorkers.shutdownNow();
        rawChain.shutdownNow();
        logs.close();
    }

    private HttpResponse<String> purchase(String traceparent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(ordering.resolve("/order")).POST(HttpRequest.BodyPublishers.noBody());
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request events are written as each request ends; wait (bounded) for all three. */
    private List<ILoggingEvent> requestEvents(int expected) throws InterruptedException {
        for (int i = 0; i < 500 && logs.from("logline.request").size() < expected; i++) {
            Thread.sleep(10);
        }
        return logs.from("logline.request");
    }

    @Test
    void everyEventOfOnePurchaseCarriesOneTraceIdInAllThreeServices() throws Exception {
        HttpResponse<String> response = purchase(null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("paid; reserved SKU-1");
        String traceId = response.headers().firstValue("x-trace-id").orElseThrow();
        TraceContext answered = TraceContext.parseTraceparent(response.headers().firstValue("traceparent").orElseThrow(), null).orElseThrow();
        assertThat(answered.traceId()).isEqualTo(traceId);

        List<ILoggingEvent> requests = requestEvents(3);
        List<ILoggingEvent> shop = logs.from("shop.");
        assertThat(shop).extracting(ILoggingEvent::getFormattedMessage).contains(
                "order received", "purchase started", "fraud check passed", "reserving SKU-1",
                "inventory answered reserved SKU-1", "payment captured", "order placed: paid; reserved SKU-1");
        List<ILoggingEvent> all = new ArrayList<>(shop);
        all.addAll(requests);
        assertThat(all).hasSize(10).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", traceId));

        // Work really ran on other threads: the executor and the CompletableFuture chain.
        assertThat(event(shop, "fraud check passed").getThreadName()).startsWith("worker-");
        assertThat(event(shop, "inventory answered reserved SKU-1").getThreadName()).startsWith("chain-");
        assertThat(event(shop, "payment captured").getThreadName()).startsWith("chain-");

        // Each service has its own span of the one trace.
        assertThat(all.stream().map(e -> e.getMDCPropertyMap().get("span_id")).distinct()).hasSize(3);

        // ONE request event per service, with the fields added during the request, from any thread.
        assertThat(requests).hasSize(3);
        ILoggingEvent purchaseEvent = requests.stream().filter(e -> "/purchase".equals(keyValue(e, "route"))).findFirst().orElseThrow();
        assertThat(purchaseEvent.getFormattedMessage()).isEqualTo("POST /purchase 200");
        assertThat(keyValue(purchaseEvent, "method")).isEqualTo("POST");
        assertThat(keyValue(purchaseEvent, "status")).isEqualTo(200);
        assertThat(keyValue(purchaseEvent, "order_id")).isEqualTo("ORD987");
        assertThat(keyValue(purchaseEvent, "fraud_score")).isEqualTo(0.1);
        assertThat((Double) keyValue(purchaseEvent, "duration_ms")).isPositive();
        assertThat(keyValue(purchaseEvent, "client")).isEqualTo("127.0.0.1");
        ILoggingEvent reserveEvent = requests.stream().filter(e -> "/reserve".equals(keyValue(e, "route"))).findFirst().orElseThrow();
        assertThat(keyValue(reserveEvent, "sku")).isEqualTo("SKU-1");
        assertThat(keyValue(reserveEvent, "path")).isEqualTo("/reserve");
    }

    @Test
    void aContinuedTraceDoesNotLeakIntoTheNextRequestOnPooledThreads() throws Exception {
        TraceContext first = TraceContext.newRoot();
        TraceContext second = TraceContext.newRoot();
        purchase(first.traceparent().orElseThrow());
        requestEvents(3);
        int afterFirst = logs.events().size();
        HttpResponse<String> response = purchase(second.traceparent().orElseThrow());
        assertThat(response.headers().firstValue("x-trace-id")).contains(second.traceId());
        requestEvents(6);

        List<ILoggingEvent> firstEvents = logs.events().subList(0, afterFirst).stream()
                .filter(e -> e.getLoggerName().startsWith("shop.") || e.getLoggerName().equals("logline.request")).toList();
        List<ILoggingEvent> secondEvents = logs.events().subList(afterFirst, logs.events().size()).stream()
                .filter(e -> e.getLoggerName().startsWith("shop.") || e.getLoggerName().equals("logline.request")).toList();
        assertThat(firstEvents).hasSize(10).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", first.traceId()));
        assertThat(secondEvents).hasSize(10).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", second.traceId()));

        // Jetty's pooled threads, the executor's and the chain's hold nothing once the requests are done.
        for (int i = 0; i < 20; i++) {
            String held = http.send(HttpRequest.newBuilder(inventory.resolve("/probe")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(held).isEqualTo("null|false|false");
        }
        for (ExecutorService pool : List.of(rawWorkers, rawChain)) {
            for (int i = 0; i < 4; i++) {
                assertThat(pool.submit(() -> MDC.get("trace_id") + "|" + CurrentTrace.get().isPresent()).get())
                        .isEqualTo("null|false");
            }
        }
    }

    private static ILoggingEvent event(List<ILoggingEvent> events, String message) {
        return events.stream().filter(e -> e.getFormattedMessage().equals(message)).findFirst().orElseThrow();
    }
}
