package dev.logline.demo.inventory;

import dev.logline.context.logtrace.LogTrace;
import dev.logline.demo.OrderCorrelation;
import dev.logline.demo.SimulatedWork;
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
import java.util.Map;

/**
 * Service A, inventory: reserves and releases stock. {@code POST /reserve} (order_id, sku, qty) answers 200, or
 * 409 with a WARN when the article is out of stock; {@code POST /release} gives a reservation back.
 */
public final class InventoryService implements AutoCloseable {

    public static final ServiceIdentity IDENTITY = new ServiceIdentity("inventory", "2.3.1");

    private static final Logger STOCK = ShopLoggers.of(IDENTITY.name(), "Stock");

    private final StockLedger ledger = new StockLedger();
    private final ServiceHost host;

    private InventoryService(int port) {
        this.host = ServiceHost.start(IDENTITY.name(), port,
                Map.of("/reserve", new ReserveServlet(), "/release", new ReleaseServlet()), true);
    }

    /** Starts the service on {@code port} (0: a free one). */
    public static InventoryService start(int port) {
        return new InventoryService(port);
    }

    public URI uri() {
        return host.uri();
    }

    /** Units of {@code sku} in stock now. */
    public int units(String sku) {
        return ledger.units(sku);
    }

    @Override
    public void close() {
        host.close();
    }

    private final class ReserveServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String sku = req.getParameter("sku");
            int qty = Integer.parseInt(req.getParameter("qty"));
            try (MDC.MDCCloseable order = OrderCorrelation.bind(req.getParameter("order_id"))) {
                StockLedger.Reservation r;
                // The reservation's micro-steps are one event, not three lines.
                try (LogTrace t = LogTrace.start(STOCK, "reserve stock")) {
                    t.put("sku", sku).put("qty", qty);
                    SimulatedWork.pause(1, 4);
                    t.add("stock row locked");
                    r = ledger.reserve(sku, qty);
                    t.add("availability checked");
                    t.put("available", r.available()).put("reserved", r.reserved());
                    if (r.reserved()) {
                        SimulatedWork.pause(1, 6);
                        t.add("reservation written");
                    }
                }
                if (!r.reserved()) {
                    STOCK.atWarn().setMessage("out of stock")
                            .addKeyValue("sku", sku).addKeyValue("requested", qty)
                            .addKeyValue("available", r.available()).log();
                    resp.setStatus(HttpServletResponse.SC_CONFLICT);
                    resp.getWriter().write("out of stock: " + sku);
                    return;
                }
                int added = ledger.restockIfLow(sku);
                if (added > 0) {
                    STOCK.atInfo().setMessage("restocked").addKeyValue("sku", sku)
                            .addKeyValue("units_added", added).addKeyValue("units", ledger.units(sku)).log();
                }
                resp.getWriter().write("reserved " + qty + " " + sku);
            }
        }
    }

    private final class ReleaseServlet extends HttpServlet {
        @Override
        @SuppressWarnings("try") // the order scope is opened for its effect on MDC, not used in the body
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String sku = req.getParameter("sku");
            int qty = Integer.parseInt(req.getParameter("qty"));
            try (MDC.MDCCloseable order = OrderCorrelation.bind(req.getParameter("order_id"))) {
                ledger.release(sku, qty);
                STOCK.atInfo().setMessage("reservation released").addKeyValue("sku", sku)
                        .addKeyValue("qty", qty).addKeyValue("reason", req.getParameter("reason")).log();
                resp.getWriter().write("released " + qty + " " + sku);
            }
        }
    }
}
