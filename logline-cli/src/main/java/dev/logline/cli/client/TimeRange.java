package dev.logline.cli.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The time range of a read as the HTTP API takes it: either a relative {@code last} (like {@code 15m}) or absolute
 * {@code from}/{@code to} timestamps (RFC 3339 or epoch numbers; either end may be open).
 */
public record TimeRange(String last, String from, String to) {

    public TimeRange {
        if (last != null && (from != null || to != null)) {
            throw new IllegalArgumentException("give either a relative range (last) or from/to, not both");
        }
    }

    public static TimeRange last(String duration) {
        return new TimeRange(duration, null, null);
    }

    public static TimeRange between(String from, String to) {
        return new TimeRange(null, from, to);
    }

    /** The query parameters that carry this range. */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (last != null) {
            p.put("last", last);
        }
        if (from != null) {
            p.put("from", from);
        }
        if (to != null) {
            p.put("to", to);
        }
        return p;
    }
}
