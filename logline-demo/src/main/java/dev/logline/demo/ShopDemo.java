package dev.logline.demo;

import dev.logline.demo.gateway.PaymentGateway;
import dev.logline.demo.inference.InferenceService;
import dev.logline.demo.inventory.InventoryService;
import dev.logline.demo.logging.ShopLogShipping;
import dev.logline.demo.ordering.OrderingService;
import dev.logline.demo.purchasing.PurchasingService;
import dev.logline.demo.traffic.TrafficGenerator;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The demo shop running: inventory (A), purchasing (B) and ordering (C), the inference service and the payment
 * gateway they call, each its own HTTP server on loopback, shipping logs to a Logline server, with simulated
 * customers buying. Nothing listens before {@link #start}; {@link #close} stops all of it and flushes the logs.
 *
 * <pre>{@code
 * try (ShopDemo shop = ShopDemo.start(DemoSettings.defaults(URI.create("http://127.0.0.1:4680"), spoolDir))) {
 *     Purchase p = shop.traffic().purchase(Scenario.PLACED);   // p.traceId() spans all three services
 * }
 * }</pre>
 */
public final class ShopDemo implements AutoCloseable {

    private final DemoSettings settings;
    private final Deque<AutoCloseable> running;
    private final ShopLogShipping logs;
    private final InventoryService inventory;
    private final PurchasingService purchasing;
    private final OrderingService ordering;
    private final InferenceService inference;
    private final TrafficGenerator traffic;

    private ShopDemo(DemoSettings settings, Deque<AutoCloseable> running, ShopLogShipping logs,
                     InventoryService inventory,
                     PurchasingService purchasing, OrderingService ordering, InferenceService inference,
                     TrafficGenerator traffic) {
        this.settings = settings;
        this.running = running;
        this.logs = logs;
        this.inventory = inventory;
        this.purchasing = purchasing;
        this.ordering = ordering;
        this.inference = inference;
        this.traffic = traffic;
    }

    /** Starts the services and, unless the rate is 0, the background traffic. */
    public static ShopDemo start(DemoSettings settings) {
        // Closed in reverse order: traffic first, the log shipping (which flushes) last.
        Deque<AutoCloseable> running = new ArrayDeque<>();
        try {
            ShopLogShipping logs = ShopLogShipping.install(settings.loglineUrl(), settings.spoolDir(), List.of(
                    InventoryService.IDENTITY, PurchasingService.IDENTITY, OrderingService.IDENTITY,
                    InferenceService.IDENTITY));
            running.push(logs);
            InventoryService inventory = push(running, InventoryService.start(settings.port(0)));
            PaymentGateway gateway = push(running, PaymentGateway.start(settings.port(4)));
            PurchasingService purchasing = push(running,
                    PurchasingService.start(settings.port(1), inventory.uri(), gateway.uri()));
            InferenceService inference = push(running,
                    InferenceService.start(settings.port(3), settings.slowModelRate()));
            OrderingService ordering = push(running,
                    OrderingService.start(settings.port(2), purchasing.uri(), inference.uri()));
            TrafficGenerator traffic = push(running, new TrafficGenerator(ordering.uri(),
                    settings.purchasesPerSecond(), settings.mix(), settings.seed()));
            traffic.start();
            return new ShopDemo(settings, running, logs, inventory, purchasing, ordering, inference, traffic);
        } catch (RuntimeException e) {
            closeAll(running);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> running, T part) {
        running.push(part);
        return part;
    }

    /** What this run was started with. */
    public DemoSettings settings() {
        return settings;
    }

    /** The simulated customers, also for making single purchases of a chosen scenario. */
    public TrafficGenerator traffic() {
        return traffic;
    }

    /** Where customers place orders: {@code POST /orders}. */
    public URI orderingUri() {
        return ordering.uri();
    }

    public URI purchasingUri() {
        return purchasing.uri();
    }

    public URI inventoryUri() {
        return inventory.uri();
    }

    public URI inferenceUri() {
        return inference.uri();
    }

    /** Events the services delivered to the Logline server so far. */
    public long eventsShipped() {
        return logs.sent();
    }

    /** Stops the traffic and the services, then delivers the logs still queued. */
    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(Deque<AutoCloseable> running) {
        RuntimeException first = null;
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
