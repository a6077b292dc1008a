package dev.logline.bench.appender;

/**
 * The one event every peer logs: the encoder benchmark's typical request line — INFO, a message with two arguments,
 * and three MDC entries (Logback's MDC, Log4j's ThreadContext) set once per thread.
 */
final class BenchEvent {

    static final String LOGGER = "shop.purchasing.OrderController";
    static final String MESSAGE = "order {} placed for customer {}";
    static final String ORDER = "ORD987";
    static final String CUSTOMER = "C-1042";
    static final String[][] CONTEXT = {
        {"trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"},
        {"span_id", "00f067aa0ba902b7"},
        {"request_id", "req-5f1c2a9e"},
    };

    private BenchEvent() {
    }
}
