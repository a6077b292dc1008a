package dev.logline.demo.traffic;

import dev.logline.demo.gateway.PaymentGateway;
import dev.logline.demo.http.FormBody;
import dev.logline.demo.http.NamedThreads;
import dev.logline.demo.inventory.Catalog;
import dev.logline.demo.inventory.Product;
import dev.logline.demo.model.CustomerDirectory;
import dev.logline.demo.ordering.OrderingService;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated customers buying at the ordering service: purchases arrive at random (Poisson) times at a given mean
 * rate, each one {@link Scenario} drawn from a {@link ScenarioMix}. At most {@link #MAX_IN_FLIGHT} purchases wait
 * for an answer at once; beyond that arrivals are skipped (and counted), so a stalled shop never piles up work.
 */
public final class TrafficGenerator implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 32;

    private static final List<String> CUSTOMERS = CustomerDirectory.regulars();
    private static final List<String> CARDS = List.of("tok_visa_4242", "tok_mc_5454", "tok_amex_0005");

    private final URI orders;
    private final double perSecond;
    private final ScenarioMix mix;
    private final SplittableRandom random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final double newAccounts;
    private final long newAccountsFromNanos;
    private volatile ScheduledExecutorService scheduler;

    /**
     * @param ordering  the ordering service's base address
     * @param perSecond mean purchases per second; 0 for none in the background (single purchases still work)
     * @param seed      seeds the choice of customers, articles and scenarios
     * @param newAccounts share of purchases by brand-new accounts ({@code new-…}) once {@code newAccountsAfter}
     *                    has passed since this generator was made: the drift the fraud model should notice
     */
    public TrafficGenerator(URI ordering, double perSecond, ScenarioMix mix, long seed, double newAccounts,
                            Duration newAccountsAfter) {
        if (!(perSecond >= 0) || perSecond > 1000) {
            throw new IllegalArgumentException("purchases per second must be 0..1000: " + perSecond);
        }
        this.orders = ordering.resolve("/orders");
        this.perSecond = perSecond;
        this.mix = mix;
        this.random = new SplittableRandom(seed);
        this.newAccounts = newAccounts;
        this.newAccountsFromNanos = System.nanoTime() + newAccountsAfter.toNanos();
    }

    /** Starts the background traffic; does nothing if already started or the rate is 0. */
    public synchronized void start() {
        if (scheduler == null && perSecond > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("shop-traffic"));
            scheduler.execute(this::arrive);
        }
    }

    private void arrive() {
        Scenario scenario;
        HttpRequest request;
        synchronized (this) {
            scenario = mix.pick(random);
            request = request(scenario);
        }
        if (inFlight.tryAcquire()) {
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                inFlight.release();
                if (e != null) {
                    failed.incrementAndGet();
                } else {
                    count(r.statusCode());
                }
            });
        } else {
            skipped.incrementAndGet();
        }
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            try {
                s.schedule(this::arrive, nextGapMicros(), TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException stopping) {
                // close() shut the scheduler down between the check and the call: no more arrivals, as asked
            }
        }
    }

    /** Exponentially distributed gaps make a Poisson stream: bursts and lulls, like real customers. */
    private synchronized long nextGapMicros() {
        double gapSeconds = -Math.log(1 - random.nextDouble()) / perSecond;
        return Math.max(1, Math.min((long) (gapSeconds * 1e6), (long) (10e6 / perSecond)));
    }

    /** Makes one purchase of {@code scenario} now and waits for ordering's answer. */
    public Purchase purchase(Scenario scenario) throws IOException, InterruptedException {
        HttpRequest request;
        synchronized (this) {
            request = request(scenario);
        }
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        count(r.statusCode());
        return new Purchase(scenario, r.headers().firstValue(OrderingService.ORDER_ID_HEADER).orElse(null),
                r.headers().firstValue("X-Trace-ID").orElse(null), r.statusCode());
    }

    private HttpRequest request(Scenario scenario) {
        List<Product> available = Catalog.available();
        String sku = scenario == Scenario.OUT_OF_STOCK ? Catalog.DISCONTINUED_SKU
                : available.get(random.nextInt(available.size())).sku();
        String card = scenario == Scenario.PAYMENT_TIMEOUT ? PaymentGateway.SLOW_ISSUER_CARD
                : CARDS.get(random.nextInt(CARDS.size()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("customer", customer());
        form.put("sku", sku);
        form.put("qty", Integer.toString(1 + random.nextInt(3)));
        form.put("card", card);
        return FormBody.post(HttpRequest.newBuilder(orders), form).timeout(Duration.ofSeconds(15)).build();
    }

    /** A regular customer, or once the sign-up wave began, for its share of purchases a brand-new account. */
    private String customer() {
        if (newAccounts > 0 && System.nanoTime() - newAccountsFromNanos >= 0 && random.nextDouble() < newAccounts) {
            return CustomerDirectory.NEW_ACCOUNT_PREFIX + (1000 + random.nextInt(9000));
        }
        return CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
    }

    private void count(int status) {
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** Purchases answered so far, by ordering's HTTP status. */
    public Map<Integer, Long> answersByStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        answers.forEach((status, n) -> out.put(status, n.get()));
        return out;
    }

    /** Arrivals skipped because {@link #MAX_IN_FLIGHT} purchases were still waiting. */
    public long skipped() {
        return skipped.get();
    }

    /** Purchases that got no HTTP answer at all (connection refused, timeout). */
    public long unanswered() {
        return failed.get();
    }

    /** Stops new arrivals and gives purchases still under way a moment to finish. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
            scheduler = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                // Bounded: a purchase takes at most a few seconds (the gateway's timeout plus service work).
                if (inFlight.tryAcquire(MAX_IN_FLIGHT, 5, TimeUnit.SECONDS)) {
                    inFlight.release(MAX_IN_FLIGHT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
