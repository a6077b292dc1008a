package dev.logline.bench.encoder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The events every encoder benchmark encodes: the same objects for every encoder, made once. */
public final class BenchmarkEvents {

    private BenchmarkEvents() {
    }

    /**
     * Logback's JsonEncoder set to write what a log reader needs, as the others do: the formatted message
     * instead of the raw pattern, its arguments and the logger context.
     */
    public static ch.qos.logback.classic.encoder.JsonEncoder comparableJsonEncoder() {
        ch.qos.logback.classic.encoder.JsonEncoder enc = new ch.qos.logback.classic.encoder.JsonEncoder();
        enc.setWithFormattedMessage(true);
        enc.setWithMessage(false);
        enc.setWithArguments(false);
        enc.setWithContext(false);
        enc.setWithSequenceNumber(false);
        return enc;
    }

    /** A typical request log line: a formatted message, 3 MDC entries and 2 key-values. */
    public static ILoggingEvent typical(LoggerContext context) {
        Logger logger = context.getLogger("shop.purchasing.OrderController");
        LoggingEvent e = new LoggingEvent("ch.qos.logback.classic.Logger", logger, Level.INFO,
                "order {} placed for customer {}", null, new Object[] {"ORD987", "C-1042"});
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("span_id", "00f067aa0ba902b7");
        mdc.put("request_id", "req-5f1c2a9e");
        e.setMDCPropertyMap(mdc);
        List<KeyValuePair> kvs = new ArrayList<>();
        kvs.add(new KeyValuePair("amount", 250.5));
        kvs.add(new KeyValuePair("items", 3));
        e.setKeyValuePairs(kvs);
        return freeze(e);
    }

    /** An error with a cause, thrown a few frames deep, and the same MDC. */
    public static ILoggingEvent withException(LoggerContext context) {
        Logger logger = context.getLogger("shop.purchasing.PaymentClient");
        LoggingEvent e = new LoggingEvent("ch.qos.logback.classic.Logger", logger, Level.ERROR,
                "payment for order {} failed", failure(), new Object[] {"ORD987"});
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("span_id", "00f067aa0ba902b7");
        mdc.put("request_id", "req-5f1c2a9e");
        e.setMDCPropertyMap(mdc);
        return freeze(e);
    }

    private static Throwable failure() {
        try {
            charge(3);
            throw new AssertionError("unreachable");
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static void charge(int depth) {
        if (depth > 0) {
            charge(depth - 1);
            return;
        }
        try {
            throw new java.net.SocketTimeoutException("Read timed out after 5000 ms");
        } catch (java.io.IOException io) {
            throw new IllegalStateException("payment gateway unavailable", io);
        }
    }

    private static ILoggingEvent freeze(LoggingEvent e) {
        e.setInstant(Instant.parse("2026-11-22T10:00:00.123456Z"));
        e.setThreadName("http-nio-8080-exec-7");
        // formats the message and fixes every lazy field once, as an async appender would before encoding
        e.prepareForDeferredProcessing();
        return e;
    }
}
