package dev.logline.demo.purchasing;

import dev.logline.context.RequestEvent;
import dev.logline.context.logtrace.LogTrace;
import dev.logline.demo.OrderCorrelation;
import dev.logline.demo.SimulatedWork;
import dev.logline.demo.http.FormBody;
import dev.logline.demo.http.OutboundCalls;
import dev.logline.demo.http.ServiceHost;
import dev.logline.demo.logging.ServiceIdentity;
import dev.logline.demo.logging.ShopLoggers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Service B, purchasing: {@code POST /purchase} (order_id, customer, sku, qty, amount, card) checks the customer's
 * velocity on a worker thread, reserves stock at inventory, and charges the card at the payment gateway as one
 * "charge card" event. Answers 200, 409 when inventory has no stock, or 504 when the gateway times out (the charge
 * event is then an ERROR with the timeout exception, and the reservation is released).
 */
public final class PurchasingService implements AutoCloseable {

    public static final ServiceIdentity IDENTITY = new ServiceIdentity("purchasing", "1.4.2");

    /** How long a charge may take before the shop gives up on the gateway. */
    static final Duration GATEWAY_TIMEOUT = Duration.ofMillis(500);

    private static final Logger ORDERS = ShopLoggers.of(IDENTITY.name(), "Orders");
    private static final Logger PAYMENTS = ShopLoggers.of(IDENTITY.name(), "Payments");

    private final URI inventory;
    private final URI gateway;
    private final OutboundCalls calls = new OutboundCalls(IDENTITY.name());
    private final ServiceHost host;

    private PurchasingService(int port, URI inventory, URI gateway) {
        this.inventory = inventory;
        this.gateway = gateway;
        this.host = ServiceHost.start(IDENTITY.name(), port, Map.of("/purchase", new PurchaseServlet()), true);
    }

    /** Starts the service on {@code port} (0: a free one), calling inventory and the payment gateway. */
    public static PurchasingService start(int port, URI inventory, URI gateway) {
        return new PurchasingService(port, inventory, gateway);
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

    private final class PurchaseServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String orderId = req.getParameter("order_id");
            String customer = req.getParameter("customer");
            String sku = req.getParameter("sku");
            String qty = req.getParameter("qty");
            double amount = Double.parseDouble(req.getParameter("amount"));
            String card = req.getParameter("card");
            try (MDC.MDCCloseable order = OrderCorrelation.bind(orderId)) {
                ORDERS.atInfo().setMessage("purchase started").addKeyValue("customer", customer)
                        .addKeyValue("sku", sku).addKeyValue("amount", amount).log();
                RequestEvent.current().put("amount", amount);

                Future<?> velocity = calls.workers().submit(() -> checkVelocity(customer));
                Map<String, String> item = new LinkedHashMap<>();
                item.put("order_id", orderId);
                item.put("sku", sku);
                item.put("qty", qty);
                int reserved = callInventory(inventory.resolve("/reserve"), item).get(5, TimeUnit.SECONDS);
                velocity.get(5, TimeUnit.SECONDS);
                if (reserved == HttpServletResponse.SC_CONFLICT) {
                    ORDERS.atWarn().setMessage("purchase declined: out of stock").addKeyValue("sku", sku).log();
                    RequestEvent.current().put("declined", "out_of_stock");
                    resp.setStatus(HttpServletResponse.SC_CONFLICT);
                    resp.getWriter().write("out of stock");
                    return;
                }
                if (reserved != HttpServletResponse.SC_OK) {
                    throw new IOException("inventory answered " + reserved + " to a reservation");
                }

                if (!charge(orderId, card, amount)) {
                    Map<String, String> release = new LinkedHashMap<>(item);
                    release.put("reason", "payment_timeout");
                    callInventory(inventory.resolve("/release"), release).get(5, TimeUnit.SECONDS);
                    resp.setStatus(HttpServletResponse.SC_GATEWAY_TIMEOUT);
                    resp.getWriter().write("payment timed out");
                    return;
                }
                ORDERS.atInfo().setMessage("purchase completed").addKeyValue("amount", amount).log();
                resp.getWriter().write("paid " + amount);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("purchase of order " + orderId + " failed: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private void checkVelocity(String customer) {
        int lastHour = SimulatedWork.pause(0, 4);
        ORDERS.atInfo().setMessage("velocity check passed").addKeyValue("customer", customer)
                .addKeyValue("orders_last_hour", lastHour).log();
    }

    /**
     * POSTs to inventory with the trace passed on; the answer is logged on a worker thread that still knows the
     * request's trace and order (the HTTP client's own thread completes the response).
     */
    private CompletableFuture<Integer> callInventory(URI uri, Map<String, String> fields) {
        return calls.postForm(uri, fields, Duration.ofSeconds(5))
                .thenApplyAsync(r -> {
                    ORDERS.atInfo().setMessage("inventory answered").addKeyValue("path", uri.getPath())
                            .addKeyValue("status", r.statusCode()).log();
                    return r.statusCode();
                }, calls.pool());
    }

    /** Charges the card; false when the gateway did not answer in time. */
    private boolean charge(String orderId, String card, double amount) throws IOException, InterruptedException {
        LogTrace t = LogTrace.start(PAYMENTS, "charge card");
        // The gateway conversation in DEBUG detail is wanted only when a charge goes wrong.
        t.bufferDebug();
        try {
            t.put("amount", amount).put("currency", "EUR").put("card_token", card);
            SimulatedWork.pause(1, 5);
            t.add("card tokenized");
            Map<String, String> charge = new LinkedHashMap<>();
            charge.put("card", card);
            charge.put("amount", Double.toString(amount));
            charge.put("reference", orderId);
            // The gateway is a third party: it gets no trace headers of ours.
            var request = FormBody.post(HttpRequest.newBuilder(gateway.resolve("/v1/charges")), charge)
                    .timeout(GATEWAY_TIMEOUT).build();
            PAYMENTS.atDebug().setMessage("charge request sent to gateway").addKeyValue("endpoint", request.uri())
                    .addKeyValue("timeout_ms", GATEWAY_TIMEOUT.toMillis()).addKeyValue("reference", orderId).log();
            t.add("gateway called");
            HttpResponse<String> answer = calls.http().send(request, HttpResponse.BodyHandlers.ofString());
            PAYMENTS.atDebug().setMessage("gateway answered").addKeyValue("status", answer.statusCode()).log();
            t.add("charge captured");
            t.put("gateway_status", answer.statusCode()).put("auth_code", answer.body());
            return true;
        } catch (HttpTimeoutException e) {
            t.add("gateway timed out");
            t.put("timeout_ms", GATEWAY_TIMEOUT.toMillis());
            t.fail(e);
            return false;
        } finally {
            t.close();
        }
    }
}
