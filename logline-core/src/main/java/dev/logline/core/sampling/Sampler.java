package dev.logline.core.sampling;

import dev.logline.core.Level;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Decides per event whether to keep it, from an ordered list of {@link SamplingRule}s: the first rule that covers
 * the event's level and logger decides; an event no rule covers is kept.
 *
 * <p>The rate is trace-consistent ({@link TraceSampling}): with a trace id, every event of a transaction is kept
 * or dropped together, in every service that runs the same rule. Without one, each event is drawn at random.
 * Events the rate keeps then pass the rule's rate limit, one token bucket per key; keys beyond
 * {@link #DEFAULT_MAX_KEYS} share one overflow bucket so memory stays bounded. Thread-safe.
 */
public final class Sampler {

    /** Distinct rate-limit keys tracked per rule before new keys share an overflow bucket. */
    public static final int DEFAULT_MAX_KEYS = 10_000;

    private static final String OVERFLOW_KEY = "\u0000overflow";

    private final List<SamplingRule> rules;
    private final List<Map<String, TokenBucket>> buckets;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final LongAdder kept = new LongAdder();
    private final LongAdder droppedSampled = new LongAdder();
    private final LongAdder droppedLimited = new LongAdder();

    public Sampler(List<SamplingRule> rules) {
        this(rules, DEFAULT_MAX_KEYS, System::nanoTime);
    }

    /**
     * @param rules     evaluated in order
     * @param maxKeys   rate-limit keys tracked per rule
     * @param nanoClock monotonic clock for the token buckets
     */
    public Sampler(List<SamplingRule> rules, int maxKeys, LongSupplier nanoClock) {
        this.rules = List.copyOf(rules);
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
        this.buckets = this.rules.stream().map(r -> (Map<String, TokenBucket>) new ConcurrentHashMap<String, TokenBucket>()).toList();
    }

    public List<SamplingRule> rules() {
        return rules;
    }

    /** True when some rule covers this level and logger, so callers can skip gathering inputs otherwise. */
    public boolean covers(Level level, String logger) {
        for (SamplingRule rule : rules) {
            if (rule.covers(level, logger)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides one event.
     *
     * @param traceId the event's trace id, or {@code null}
     * @param message the message template (for {@code by=message}), or {@code null}
     * @param field   looks up a field for {@code by=<field>} (MDC, key-values), may return {@code null}
     */
    public SamplingDecision decide(Level level, String logger, String traceId, String message,
                                   Function<String, String> field) {
        for (int i = 0; i < rules.size(); i++) {
            SamplingRule rule = rules.get(i);
            if (rule.covers(level, logger)) {
                return count(apply(i, rule, logger, traceId, message, field));
            }
        }
        return count(SamplingDecision.KEEP);
    }

    private SamplingDecision apply(int index, SamplingRule rule, String logger, String traceId, String message,
                                   Function<String, String> field) {
        boolean inRate = traceId != null && !traceId.isEmpty()
                ? TraceSampling.keeps(traceId, rule.rate())
                : rule.rate() >= 1.0 || ThreadLocalRandom.current().nextDouble() < rule.rate();
        if (!inRate) {
            return SamplingDecision.DROP_SAMPLED;
        }
        if (!rule.limited()) {
            return SamplingDecision.KEEP;
        }
        String key = limitKey(rule, logger, message, field);
        Map<String, TokenBucket> ruleBuckets = buckets.get(index);
        if (!ruleBuckets.containsKey(key) && ruleBuckets.size() >= maxKeys) {
            key = OVERFLOW_KEY;
        }
        TokenBucket bucket = ruleBuckets.computeIfAbsent(key,
                k -> new TokenBucket(rule.limitPerSecond(), rule.burst(), nanoClock));
        return bucket.tryAcquire() ? SamplingDecision.KEEP : SamplingDecision.DROP_RATE_LIMITED;
    }

    private static String limitKey(SamplingRule rule, String logger, String message, Function<String, String> field) {
        String key;
        switch (rule.limitBy()) {
            case SamplingRule.BY_RULE: key = ""; break;
            case SamplingRule.BY_LOGGER: key = logger; break;
            case SamplingRule.BY_MESSAGE: key = message; break;
            default: key = field == null ? null : field.apply(rule.limitBy()); break;
        }
        return key == null ? "" : key;
    }

    private SamplingDecision count(SamplingDecision decision) {
        switch (decision) {
            case KEEP: kept.increment(); break;
            case DROP_SAMPLED: droppedSampled.increment(); break;
            default: droppedLimited.increment(); break;
        }
        return decision;
    }

    /** Events kept so far. */
    public long keptCount() {
        return kept.sum();
    }

    /** Events dropped by a rule's rate so far. */
    public long droppedBySamplingCount() {
        return droppedSampled.sum();
    }

    /** Events dropped by a rate limit so far. */
    public long droppedByLimitCount() {
        return droppedLimited.sum();
    }
}
