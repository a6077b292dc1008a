package dev.logline.server.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down an address that presents bad API keys: each address has a bucket of {@code burst} failures that refills
 * at {@code perSecond}; while it is empty, requests from that address that bring a key are answered 429 with a
 * Retry-After, before the key is even looked at. Guessing a 256-bit key is hopeless anyway; this keeps a scanner
 * from filling the audit log and the CPU. Only keys that fail count (malformed, unknown, revoked, expired), not
 * requests without one, so a browser asking for a key is never slowed. Remembers at most {@link #MAX_ADDRESSES}
 * addresses (the least recently seen are forgotten). Thread-safe.
 */
public final class FailedAuthLimiter {

    /** Addresses remembered at most. */
    static final int MAX_ADDRESSES = 10_000;

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoClock;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /**
     * @param burst     bad keys an address may present at once
     * @param perSecond how many more it may present per second after that
     */
    public FailedAuthLimiter(int burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("burst must be at least 1 and perSecond positive");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoClock = nanoClock;
    }

    /** The defaults: 20 bad keys at once, then 2 per second. */
    public static FailedAuthLimiter defaults() {
        return new FailedAuthLimiter(20, 2, System::nanoTime);
    }

    /** Seconds until {@code address} may present a key again, or 0 when it may now. */
    public synchronized long waitSeconds(String address) {
        double[] b = buckets.get(address);
        if (b == null) {
            return 0;
        }
        refill(b);
        return b[0] >= 1 ? 0 : (long) Math.ceil((1 - b[0]) / perNano / 1e9);
    }

    /** Counts a bad key presented by {@code address}. */
    public synchronized void failed(String address) {
        double[] b = buckets.computeIfAbsent(address, a -> new double[] {burst, nanoClock.getAsLong()});
        refill(b);
        b[0] = Math.max(0, b[0] - 1);
    }

    private void refill(double[] b) {
        long now = nanoClock.getAsLong();
        b[0] = Math.min(burst, b[0] + (now - (long) b[1]) * perNano);
        b[1] = now;
    }
}
