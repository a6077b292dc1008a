package dev.logline.cli.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A small, fixed story for end-to-end tests: one order flowing through inventory, purchasing and ordering under
 * one trace id (ordering fails), plus unrelated events, all within the last minutes.
 */
public final class ShopTraffic {

    public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private ShopTraffic() {
    }

    /** NDJSON of 6 events; the transaction starts {@code ago} before now. */
    public static String ndjson(Instant now) {
        Instant t0 = now.minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        return String.join("\n",
                event(t0, "INFO", "inventory", "stock reserved", ",\"order_id\":\"ORD987\",\"trace_id\":\"" + TRACE_ID + "\""),
                event(t0.plusMillis(120), "INFO", "purchasing", "payment accepted",
                        ",\"order_id\":\"ORD987\",\"amount\":250.0,\"trace_id\":\"" + TRACE_ID + "\",\"duration_ms\":80.5,"
                                + "\"steps\":[{\"t_ms\":0.6,\"line\":132,\"msg\":\"auth header present\"},"
                                + "{\"t_ms\":60.2,\"line\":140,\"msg\":\"card charged\"}]"),
                event(t0.plusMillis(260), "ERROR", "ordering", "order placement timed out",
                        ",\"order_id\":\"ORD987\",\"trace_id\":\"" + TRACE_ID + "\","
                                + "\"error\":{\"type\":\"java.net.SocketTimeoutException\",\"message\":\"read timed out\"}"),
                event(t0.plusSeconds(5), "WARN", "inventory", "stock low", ",\"sku\":\"A-1\""),
                event(t0.plusSeconds(7), "INFO", "purchasing", "invoice sent", ",\"order_id\":\"ORD988\""),
                event(t0.plusSeconds(9), "DEBUG", "ordering", "cache warm", "")) + "\n";
    }

    public static String event(Instant ts, String level, String service, String msg, String extra) {
        return "{\"ts\":\"" + ts + "\",\"level\":\"" + level + "\",\"service\":\"" + service
                + "\",\"host\":\"node-1\",\"msg\":\"" + msg + "\"" + extra + "}";
    }
}
