package dev.logline.demo.ordering;

import dev.logline.context.RequestEvent;
import dev.logline.context.logtrace.LogTrace;
import dev.logline.demo.OrderCorrelation;
import dev.logline.demo.SimulatedWork;
import dev.logline.demo.http.OutboundCalls;
import dev.logline.demo.http.ServiceHost;
import dev.logline.demo.inventory.Catalog;
import dev.logline.demo.logging.ServiceIdentity;
import dev.logline.demo.logging.ShopLoggers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Service C, ordering: the shop's front door. {@code POST /orders} (customer, sku, qty, card) authenticates the
 * customer (one "authenticate" event), gives the order its {@code order_id}, has inference score it while a worker
 * validates the cart, then has purchasing buy it. Answers 201 (placed), 409 (out of stock) or 502 (payment failed),
 * with the order number in {@code X-Order-Id} and the trace in {@code X-Trace-ID}.
 */
public final class OrderingService implements AutoCloseable {

    public static final ServiceIdentity IDENTITY = new ServiceIdentity("ordering", "3.0.7");

    /** Response header with the number given to the order. */
    public static final String ORDER_ID_HEADER = "X-Order-Id";

    private static final Logger API = ShopLoggers.of(IDENTITY.name(), "Api");
    private static final Logger AUTH = ShopLoggers.of(IDENTITY.name(), "Auth");

    private final URI purchasing;
    private final URI inference;
    private final OrderIds orderIds = new OrderIds(System.currentTimeMillis());
    private final OutboundCalls calls = new OutboundCalls(IDENTITY.name());
    private final ServiceHost host;

    private OrderingService(int port, URI purchasing, URI inference) {
        this.purchasing = purchasing;
        this.inference = inference;
        this.host = ServiceHost.start(IDENTITY.name(), port, Map.of("/orders", new OrdersServlet()), true);
    }

    /** Starts the service on {@code port} (0: a free one), calling purchasing and inference. */
    public static OrderingService start(int port, URI purchasing, URI inference) {
        return new OrderingService(port, purchasing, inference);
    }

    public URI uri() {
        return host.uri();
    }

    @Override
    public void close() {
        try {
            host.close();
        } finally {
            calls.close();
        }
    }

    private final class OrdersServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String customer = req.getParameter("customer");
            String sku = req.getParameter("sku");
            int qty = Integer.parseInt(req.getParameter("qty"));
            String card = req.getParameter("card");
            String orderId = orderIds.next();
            resp.setHeader(ORDER_ID_HEADER, orderId);
            double amount = Math.round(Catalog.product(sku).price() * qty * 100) / 100.0;
            try (MDC.MDCCloseable order = OrderCorrelation.bind(orderId)) {
                authenticate(customer);
                API.atInfo().setMessage("order received").addKeyValue("customer", customer)
                        .addKeyValue("sku", sku).addKeyValue("qty", qty).addKeyValue("amount", amount).log();

                Map<String, String> features = new LinkedHashMap<>();
                features.put("order_id", orderId);
                features.put("customer", customer);
                features.put("sku", sku);
                features.put("qty", Integer.toString(qty));
                features.put("amount", Double.toString(amount));
                CompletableFuture<Double> score = post(inference.resolve("/score"), features)
                        .thenApplyAsync(r -> Double.parseDouble(r.body()), calls.pool());
                Future<?> cart = calls.workers().submit(() -> {
                    SimulatedWork.pause(1, 6);
                    API.atInfo().setMessage("cart validated").addKeyValue("items", 1).log();
                });
                double fraudScore = score.get(5, TimeUnit.SECONDS);
                cart.get(5, TimeUnit.SECONDS);
                RequestEvent.current().put("fraud_score", fraudScore);

                Map<String, String> purchase = new LinkedHashMap<>();
                purchase.put("order_id", orderId);
                purchase.put("customer", customer);
                purchase.put("sku", sku);
                purchase.put("qty", Integer.toString(qty));
                purchase.put("amount", Double.toString(amount));
                purchase.put("card", card);
                int status = post(purchasing.resolve("/purchase"), purchase).get(10, TimeUnit.SECONDS).statusCode();
                answer(resp, status, orderId, amount);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("order " + orderId + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void authenticate(String customer) {
        try (LogTrace t = LogTrace.start(AUTH, "authenticate")) {
            t.add("session cookie present");
            SimulatedWork.pause(2, 10);
            t.add("token valid");
            SimulatedWork.pause(1, 4);
            t.put("user", customer);
            t.add("customer loaded");
        }
    }

    private void answer(HttpServletResponse resp, int purchaseStatus, String orderId, double amount)
            throws IOException {
        switch (purchaseStatus) {
            case HttpServletResponse.SC_OK -> {
                API.atInfo().setMessage("order placed").addKeyValue("amount", amount).log();
                resp.setStatus(HttpServletResponse.SC_CREATED);
                resp.getWriter().write("order " + orderId + " placed");
            }
            case HttpServletResponse.SC_CONFLICT -> {
                API.atWarn().setMessage("order rejected: out of stock").log();
                resp.setStatus(HttpServletResponse.SC_CONFLICT);
                resp.getWriter().write("order " + orderId + " rejected: out of stock");
            }
            default -> {
                API.atError().setMessage("order failed: payment not completed")
                        .addKeyValue("purchasing_status", purchaseStatus).log();
                resp.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
                resp.getWriter().write("order " + orderId + " failed: payment not completed");
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> post(URI uri, Map<String, String> fields) {
        return calls.postForm(uri, fields, Duration.ofSeconds(8));
    }
}
