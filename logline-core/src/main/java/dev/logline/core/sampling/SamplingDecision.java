package dev.logline.core.sampling;

/** What the sampler decided about one event. */
public enum SamplingDecision {
    /** Emit the event. */
    KEEP,
    /** Dropped because its transaction (or, without a trace id, the event) fell outside the rule's rate. */
    DROP_SAMPLED,
    /** Dropped because the rule's per-key rate limit was exhausted. */
    DROP_RATE_LIMITED;

    public boolean kept() {
        return this == KEEP;
    }
}
