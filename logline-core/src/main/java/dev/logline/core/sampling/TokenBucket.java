package dev.logline.core.sampling;

import java.util.function.LongSupplier;

/** A token bucket: holds up to {@code burst} tokens and refills {@code perSecond} of them each second. */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastRefill;

    /**
     * @param perSecond tokens added per second, positive
     * @param burst     the most tokens held at once (starts full), at least 1
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} in production)
     */
    public TokenBucket(double perSecond, double burst, LongSupplier nanoClock) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
        }
        if (!(burst >= 1)) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        this.burst = burst;
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastRefill = nanoClock.getAsLong();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            lastRefill = now;
        }
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
