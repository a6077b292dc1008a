package dev.logline.demo.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StockLedgerTest {

    private final StockLedger ledger = new StockLedger();

    @Test
    void reservationsTakeUnitsUntilThereAreTooFew() {
        int start = ledger.units("SKU-BAG-06");
        assertThat(ledger.reserve("SKU-BAG-06", 3)).isEqualTo(new StockLedger.Reservation(true, start));
        assertThat(ledger.units("SKU-BAG-06")).isEqualTo(start - 3);
        assertThat(ledger.reserve("SKU-BAG-06", start)).isEqualTo(new StockLedger.Reservation(false, start - 3));
        ledger.release("SKU-BAG-06", 3);
        assertThat(ledger.units("SKU-BAG-06")).isEqualTo(start);
    }

    @Test
    void theDiscontinuedArticleIsNeverInStockNorRestocked() {
        assertThat(ledger.reserve(Catalog.DISCONTINUED_SKU, 1).reserved()).isFalse();
        assertThat(ledger.restockIfLow(Catalog.DISCONTINUED_SKU)).isZero();
        assertThat(ledger.units(Catalog.DISCONTINUED_SKU)).isZero();
    }

    @Test
    void anArticleRunningLowIsRefilled() {
        String sku = "SKU-HOOD-04";
        assertThat(ledger.restockIfLow(sku)).as("not low yet").isZero();
        int units = ledger.units(sku);
        ledger.reserve(sku, units - StockLedger.RESTOCK_BELOW + 1);
        assertThat(ledger.restockIfLow(sku)).isEqualTo(StockLedger.RESTOCK_UNITS);
        assertThat(ledger.units(sku)).isEqualTo(StockLedger.RESTOCK_BELOW - 1 + StockLedger.RESTOCK_UNITS);
    }
}
