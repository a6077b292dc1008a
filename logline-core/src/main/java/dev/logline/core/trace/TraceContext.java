package dev.logline.core.trace;

import java.util.Locale;
import java.util.Optional;

/**
 * The trace context of one unit of work: W3C trace id, this span's id, the parent span, the sampled flag and
 * the opaque {@code tracestate}.
 *
 * <p>Instances are immutable. {@link #newRoot()} starts a trace, {@link #newChild()} continues it in a new span
 * (what a server does for an inbound request and a client for an outbound call).
 *
 * @param traceId      32 lower-case hex digits, or a correlation id a peer sent as trace id (see {@link #isW3c()})
 * @param spanId       16 lower-case hex digits
 * @param parentSpanId the span this one continues, or {@code null} at the root
 * @param sampled      the W3C/B3 sampled flag
 * @param traceState   W3C {@code tracestate}, carried unchanged, or {@code null}
 */
public record TraceContext(String traceId, String spanId, String parentSpanId, boolean sampled, String traceState) {

    private static final int FLAG_SAMPLED = 0x01;

    public TraceContext {
        if (traceId == null || traceId.isEmpty()) {
            throw new IllegalArgumentException("traceId must not be empty");
        }
        if (!TraceIds.isValidSpanId(spanId)) {
            throw new IllegalArgumentException("spanId must be 16 lower-case hex digits, not all zeros: " + spanId);
        }
    }

    /** A new trace with fresh random ids, sampled. */
    public static TraceContext newRoot() {
        return new TraceContext(TraceIds.newTraceId(), TraceIds.newSpanId(), null, true, null);
    }

    /** A new trace that uses a peer's correlation id (e.g. {@code X-Request-Id}) as its trace id. */
    public static TraceContext newRootWithTraceId(String traceId) {
        return new TraceContext(traceId, TraceIds.newSpanId(), null, true, null);
    }

    /** The same trace continued in a new span whose parent is this one. */
    public TraceContext newChild() {
        return new TraceContext(traceId, TraceIds.newSpanId(), spanId, sampled, traceState);
    }

    /** True when the trace id is a W3C trace id, so the context can travel as {@code traceparent}. */
    public boolean isW3c() {
        return TraceIds.isValidTraceId(traceId);
    }

    /**
     * This context as a W3C {@code traceparent} header value ({@code 00-trace-span-flags}); empty when the trace
     * id is a foreign correlation id that W3C cannot carry (send {@code X-Trace-ID} instead).
     */
    public Optional<String> traceparent() {
        if (!isW3c()) {
            return Optional.empty();
        }
        return Optional.of("00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00"));
    }

    /**
     * Parses a W3C {@code traceparent} value. Follows the spec's forward compatibility: an unknown version
     * (other than {@code ff}) is read by its first four fields.
     *
     * @return the context (its span id is the sender's span, to be used as parent), or empty when invalid
     */
    public static Optional<TraceContext> parseTraceparent(String value, String traceState) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.length() < 55) {
            return Optional.empty();
        }
        String version = v.substring(0, 2);
        if (!TraceIds.isLowerHex(version) || "ff".equals(version)) {
            return Optional.empty();
        }
        if ("00".equals(version) && v.length() != 55) {
            return Optional.empty();
        }
        if (v.length() > 55 && v.charAt(55) != '-') {
            return Optional.empty();
        }
        if (v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
            return Optional.empty();
        }
        String traceId = v.substring(3, 35);
        String spanId = v.substring(36, 52);
        String flags = v.substring(53, 55);
        if (!TraceIds.isValidTraceId(traceId) || !TraceIds.isValidSpanId(spanId) || !TraceIds.isLowerHex(flags)) {
            return Optional.empty();
        }
        boolean sampled = (Integer.parseInt(flags, 16) & FLAG_SAMPLED) != 0;
        return Optional.of(new TraceContext(traceId, spanId, null, sampled, cleanTraceState(traceState)));
    }

    /** W3C's limit on {@code tracestate}: longer values are dropped rather than cut mid-entry. */
    public static final int MAX_TRACESTATE_LENGTH = 512;

    /**
     * A {@code tracestate} safe to send on: trimmed, printable ASCII, at most {@link #MAX_TRACESTATE_LENGTH}
     * characters; anything else is dropped (the trace continues without vendor state).
     */
    static String cleanTraceState(String raw) {
        if (raw == null) {
            return null;
        }
        String state = raw.trim();
        if (state.isEmpty() || state.length() > MAX_TRACESTATE_LENGTH) {
            return null;
        }
        for (int i = 0; i < state.length(); i++) {
            char c = state.charAt(i);
            if (c < ' ' || c >= 0x7f) {
                return null;
            }
        }
        return state;
    }

    /**
     * Parses a Zipkin B3 single header ({@code trace-span[-sampled[-parent]]}); 64-bit trace ids are left-padded
     * to 128 bits as the B3 spec says.
     *
     * @return the sender's context, or empty when invalid (a lone sampling decision such as {@code 0} is not a context)
     */
    public static Optional<TraceContext> parseB3Single(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split("-", -1);
        if (parts.length < 2 || parts.length > 4) {
            return Optional.empty();
        }
        String sampled = parts.length >= 3 ? parts[2] : null;
        return fromB3(parts[0], parts[1], sampled);
    }

    /** Builds a context from the B3 multi headers' values; empty when trace or span id is invalid. */
    public static Optional<TraceContext> fromB3(String traceId, String spanId, String sampled) {
        if (traceId == null || spanId == null) {
            return Optional.empty();
        }
        String t = traceId.trim().toLowerCase(Locale.ROOT);
        String s = spanId.trim().toLowerCase(Locale.ROOT);
        if (t.length() == 16) {
            t = "0000000000000000" + t;
        }
        if (!TraceIds.isValidTraceId(t) || !TraceIds.isValidSpanId(s)) {
            return Optional.empty();
        }
        // "d" is B3's debug flag, which implies sampled; absent means "let the receiver decide": we keep it.
        boolean isSampled = sampled == null || sampled.isEmpty()
                || "1".equals(sampled.trim()) || "d".equalsIgnoreCase(sampled.trim()) || "true".equalsIgnoreCase(sampled.trim());
        return Optional.of(new TraceContext(t, s, null, isSampled, null));
    }

    /** The B3 single-header form of this context, for peers that only speak Zipkin. */
    public String b3() {
        String base = traceId + "-" + spanId + (sampled ? "-1" : "-0");
        return parentSpanId == null ? base : base + "-" + parentSpanId;
    }
}
