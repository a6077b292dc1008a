package dev.logline.demo.traffic;

/**
 * One purchase a simulated customer made: what it was meant to run into, and what ordering answered.
 *
 * @param orderId the order number ordering gave it ({@code X-Order-Id}), null if ordering gave none
 * @param traceId the trace every service logged it under ({@code X-Trace-ID}), null if none came back
 * @param status  ordering's HTTP status: 201 placed, 409 out of stock, 502 payment failed
 */
public record Purchase(Scenario scenario, String orderId, String traceId, int status) {
}
