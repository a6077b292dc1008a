package dev.logline.server.ingest;

import dev.logline.core.LogEvent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one ingest request and one event may hold. A request over {@code maxRequestBytes} (after decompression)
 * is refused whole with 413; an event over {@code maxEventBytes} is cut to fit or rejected ({@code oversized}); an
 * event over any other limit is rejected alone, its batch still stored.
 *
 * @param maxRequestBytes  body bytes of one request, compressed and decompressed
 * @param maxEventBytes    bytes of one event as received (its line, document, or protobuf record)
 * @param maxFieldsPerEvent attribute fields of one event (nested objects count their leaves, reserved fields are free)
 * @param maxKeyLength     characters of one field name, at any depth
 * @param maxNestingDepth  levels of nested objects/arrays inside an event (the event object itself is level 1)
 * @param maxFutureSkew    how far past the server's clock an event's time may be
 * @param oversized        what happens to an event over {@code maxEventBytes}: truncated (the default) or rejected
 */
public record IngestLimits(long maxRequestBytes, int maxEventBytes, int maxFieldsPerEvent, int maxKeyLength,
                           int maxNestingDepth, Duration maxFutureSkew, OversizedEvents oversized) {

    public IngestLimits {
        positive("maxRequestBytes", maxRequestBytes);
        positive("maxEventBytes", maxEventBytes);
        positive("maxFieldsPerEvent", maxFieldsPerEvent);
        positive("maxKeyLength", maxKeyLength);
        positive("maxNestingDepth", maxNestingDepth);
        if (maxFutureSkew == null || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must be zero or more, was " + maxFutureSkew);
        }
        if (oversized == null) {
            throw new IllegalArgumentException("oversized must be TRUNCATE or REJECT");
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * 16 MiB per request, 1 MiB per event (longer ones truncated), 1000 fields, keys of 256 characters, depth 20,
     * one day of skew.
     */
    public static IngestLimits defaults() {
        return new IngestLimits(16L << 20, 1 << 20, 1_000, 256, 20, Duration.ofDays(1), OversizedEvents.TRUNCATE);
    }

    public IngestLimits withMaxRequestBytes(long v) {
        return new IngestLimits(v, maxEventBytes, maxFieldsPerEvent, maxKeyLength, maxNestingDepth, maxFutureSkew, oversized);
    }

    public IngestLimits withMaxEventBytes(int v) {
        return new IngestLimits(maxRequestBytes, v, maxFieldsPerEvent, maxKeyLength, maxNestingDepth, maxFutureSkew, oversized);
    }

    public IngestLimits withMaxFieldsPerEvent(int v) {
        return new IngestLimits(maxRequestBytes, maxEventBytes, v, maxKeyLength, maxNestingDepth, maxFutureSkew, oversized);
    }

    public IngestLimits withMaxKeyLength(int v) {
        return new IngestLimits(maxRequestBytes, maxEventBytes, maxFieldsPerEvent, v, maxNestingDepth, maxFutureSkew, oversized);
    }

    public IngestLimits withMaxNestingDepth(int v) {
        return new IngestLimits(maxRequestBytes, maxEventBytes, maxFieldsPerEvent, maxKeyLength, v, maxFutureSkew, oversized);
    }

    public IngestLimits withOversized(OversizedEvents v) {
        return new IngestLimits(maxRequestBytes, maxEventBytes, maxFieldsPerEvent, maxKeyLength, maxNestingDepth, maxFutureSkew, v);
    }

    /** Why an event of {@code eventBytes} is over the event-size limit, or {@code null} when it is not. */
    public String sizeViolation(long eventBytes) {
        if (eventBytes > maxEventBytes) {
            return "event is " + eventBytes + " bytes, over the limit of " + maxEventBytes
                    + " bytes; split it or raise maxEventBytes";
        }
        return null;
    }

    public IngestLimits withMaxFutureSkew(Duration v) {
        return new IngestLimits(maxRequestBytes, maxEventBytes, maxFieldsPerEvent, maxKeyLength, maxNestingDepth, v, oversized);
    }

    /**
     * Why one event breaks a per-event limit, or {@code null} when it keeps them all.
     *
     * @param eventBytes the size of the event as received (its line or document), in bytes
     * @param nowMicros  the server's clock, for the future-time check
     */
    public String violation(LogEvent event, long eventBytes, long nowMicros) {
        String tooBig = sizeViolation(eventBytes);
        if (tooBig != null) {
            return tooBig;
        }
        long skewMicros = event.tsMicros() - nowMicros;
        if (skewMicros > maxFutureSkew.toNanos() / 1_000L) {
            return "field 'ts': " + event.timestamp() + " is " + skewMicros / 1_000_000L
                    + " s ahead of the server clock (limit " + maxFutureSkew.toSeconds() + " s); check the sender's clock";
        }
        Shape shape = new Shape();
        shape.visitMap(event.attributes(), 1);
        if (shape.longKey != null) {
            String shown = shape.longKey.length() > 40 ? shape.longKey.substring(0, 40) + "…" : shape.longKey;
            return "field name '" + shown + "' is " + shape.longKey.length()
                    + " characters, over the limit of " + maxKeyLength;
        }
        if (shape.depth > maxNestingDepth) {
            return "event nests " + shape.depth + " levels deep, over the limit of " + maxNestingDepth
                    + "; flatten the deepest objects";
        }
        if (shape.fields > maxFieldsPerEvent) {
            return "event has " + shape.fields + " fields, over the limit of " + maxFieldsPerEvent
                    + "; move bulky data into one string field";
        }
        return null;
    }

    /** The measurements the limits need, gathered in one walk over the attributes. */
    private final class Shape {
        int fields;
        int depth = 1;
        String longKey;

        void visitMap(Map<?, ?> map, int level) {
            depth = Math.max(depth, level);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.length() > maxKeyLength && longKey == null) {
                    longKey = key;
                }
                visitValue(e.getValue(), level);
            }
        }

        void visitValue(Object v, int level) {
            if (v instanceof Map) {
                visitMap((Map<?, ?>) v, level + 1);
            } else if (v instanceof List) {
                depth = Math.max(depth, level + 1);
                for (Object o : (List<?>) v) {
                    visitValue(o, level + 1);
                }
            } else {
                fields++;
            }
        }
    }
}
