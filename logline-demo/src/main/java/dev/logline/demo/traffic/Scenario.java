package dev.logline.demo.traffic;

/** What a simulated customer's purchase is meant to run into. */
public enum Scenario {
    /** An article in stock, a card that pays: the order is placed. */
    PLACED,
    /** The discontinued article: inventory has none, the order is rejected with a WARN. */
    OUT_OF_STOCK,
    /** A card of a slow issuer: the gateway times out, purchasing logs an ERROR and releases the stock. */
    PAYMENT_TIMEOUT
}
