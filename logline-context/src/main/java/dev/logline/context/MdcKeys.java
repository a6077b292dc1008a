package dev.logline.context;

import java.util.Objects;

/**
 * The MDC key names trace and span ids are bound under: {@code trace_id}/{@code span_id} by default, or
 * {@code traceId}/{@code spanId} for applications whose patterns and tools follow Spring/Micrometer.
 *
 * <p>Chosen once at start-up: system properties {@code logline.mdc.traceId} and {@code logline.mdc.spanId}, or
 * {@link #use(MdcKeys)} before the first scope opens.
 *
 * @param traceId MDC key of the trace id
 * @param spanId  MDC key of the span id
 */
public record MdcKeys(String traceId, String spanId) {

    /** Logline's own names, matching the event's reserved fields. */
    public static final MdcKeys LOGLINE = new MdcKeys("trace_id", "span_id");
    /** The names Spring Boot 3 / Micrometer Tracing put into MDC. */
    public static final MdcKeys MICROMETER = new MdcKeys("traceId", "spanId");

    private static volatile MdcKeys current = new MdcKeys(
            System.getProperty("logline.mdc.traceId", LOGLINE.traceId()),
            System.getProperty("logline.mdc.spanId", LOGLINE.spanId()));

    public MdcKeys {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
    }

    /** The key names in use. */
    public static MdcKeys current() {
        return current;
    }

    /** Switches the key names for scopes opened from now on. */
    public static void use(MdcKeys keys) {
        current = Objects.requireNonNull(keys, "keys");
    }
}
