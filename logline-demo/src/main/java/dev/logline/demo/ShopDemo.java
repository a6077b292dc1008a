package dev.logline.demo;

import dev.logline.demo.gateway.PaymentGateway;
import dev.logline.demo.inference.InferenceService;
import dev.logline.demo.inference.ServingModels;
import dev.logline.demo.inventory.InventoryService;
import dev.logline.demo.logging.ServiceIdentity;
import dev.logline.demo.logging.ShopLogShipping;
import dev.logline.demo.logging.ShopLoggers;
import dev.logline.demo.ordering.OrderingService;
import dev.logline.demo.purchasing.PurchasingService;
import dev.logline.demo.traffic.TrafficGenerator;
import dev.logline.demo.training.FraudModelTraining;
import dev.logline.demo.training.TrainedModel;
import dev.logline.demo.training.TrainingSettings;
import org.slf4j.Logger;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The demo shop running: inventory (A), purchasing (B) and ordering (C), the inference service and the payment
 * gateway they call, each its own HTTP server on loopback, shipping logs to a Logline server, with simulated
 * customers buying. Before the services start, the training job trains the two fraud models inference serves
 * (stable and canary), each a logged run. Nothing listens before {@link #start}; {@link #close} stops all of it and flushes the logs.
 *
 * <pre>{@code
 * try (ShopDemo shop = ShopDemo.start(DemoSettings.defaults(URI.create("http://127.0.0.1:4680"), spoolDir))) {
 *     Purchase p = shop.traffic().purchase(Scenario.PLACED);   // p.traceId() spans all three services
 * }
 * }</pre>
 */
public final class ShopDemo implements AutoCloseable {

    /** The training job's {@code service} and {@code version}. */
    public static final ServiceIdentity TRAINING = new ServiceIdentity("training", "1.0.0");

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
                    InferenceService.IDENTITY, TRAINING));
            running.push(logs);
            // The models inference serves are trained now, each run logged end to end (well under a second).
            Logger trainingLog = ShopLoggers.of(TRAINING.name(), "FraudModelTraining");
            TrainedModel stable = FraudModelTraining.train(trainingLog, settings.modelDir(), TrainingSettings.STABLE);
            TrainedModel canary = FraudModelTraining.train(trainingLog, settings.modelDir(), TrainingSettings.CANARY);
            InventoryService inventory = push(running, InventoryService.start(settings.port(0)));
            PaymentGateway gateway = push(running, PaymentGateway.start(settings.port(4)));
            PurchasingService purchasing = push(running,
                    PurchasingService.start(settings.port(1), inventory.uri(), gateway.uri()));
            InferenceService inference = push(running,
                    InferenceService.start(settings.port(3), settings.slowModelRate(),
                            ServingModels.load(stable, canary)));
            OrderingService ordering = push(running,
                    OrderingService.start(settings.port(2), purchasing.uri(), inference.uri()));
            TrafficGenerator traffic = push(running, new TrafficGenerator(ordering.uri(),
                    settings.purchasesPerSecond(), settings.mix(), settings.seed(), settings.driftShare(),
                    settings.driftStart()));
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

    /** The inference service, to log its summaries or check drift now rather than on its schedule. */
    public InferenceService inference() {
        return inference;
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
