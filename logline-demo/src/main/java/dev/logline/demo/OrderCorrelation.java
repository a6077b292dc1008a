package dev.logline.demo;

import dev.logline.context.RequestEvent;
import org.slf4j.MDC;

/**
 * Puts a purchase's {@code order_id} on every event a service writes while handling it: in MDC for log lines (and
 * work handed to context-propagating executors), and on the request event the servlet filter emits at the end.
 */
public final class OrderCorrelation {

    /** The correlation field; one of Logline's default correlation fields. */
    public static final String FIELD = "order_id";

    private OrderCorrelation() {
    }

    /** Binds {@code orderId} for the current request until the returned handle is closed. */
    public static MDC.MDCCloseable bind(String orderId) {
        RequestEvent.current().put(FIELD, orderId);
        return MDC.putCloseable(FIELD, orderId);
    }
}
