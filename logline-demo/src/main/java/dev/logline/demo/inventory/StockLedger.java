package dev.logline.demo.inventory;

import java.util.HashMap;
import java.util.Map;

/** Units in stock per article: reservations take units, releases give them back, restocking refills. */
final class StockLedger {

    /** Below this many units a restocked article is refilled, so the demo can run for hours. */
    static final int RESTOCK_BELOW = 5;
    static final int RESTOCK_UNITS = 40;

    /** The outcome of a reservation: whether it was made and the units there were before it. */
    record Reservation(boolean reserved, int available) {
    }

    private final Map<String, Integer> units = new HashMap<>();

    StockLedger() {
        for (Product p : Catalog.products()) {
            units.put(p.sku(), p.initialStock());
        }
    }

    synchronized Reservation reserve(String sku, int quantity) {
        int available = units.getOrDefault(sku, 0);
        if (available < quantity) {
            return new Reservation(false, available);
        }
        units.put(sku, available - quantity);
        return new Reservation(true, available);
    }

    synchronized void release(String sku, int quantity) {
        units.merge(sku, quantity, Integer::sum);
    }

    /** Refills {@code sku} when it runs low and restocks at all; returns the units added (0 for none). */
    synchronized int restockIfLow(String sku) {
        Product p = Catalog.product(sku);
        int available = units.getOrDefault(sku, 0);
        if (!p.restocked() || available >= RESTOCK_BELOW) {
            return 0;
        }
        units.put(sku, available + RESTOCK_UNITS);
        return RESTOCK_UNITS;
    }

    synchronized int units(String sku) {
        return units.getOrDefault(sku, 0);
    }
}
