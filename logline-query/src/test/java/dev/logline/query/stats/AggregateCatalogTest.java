package dev.logline.query.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCatalogTest {

    @Test
    void everyListedFunctionCreatesAnAggregateThatPrintsItsName() {
        for (String fn : AggregateCatalog.FUNCTIONS) {
            Aggregate a = AggregateCatalog.create(fn, "f", null);
            assertThat(a).as(fn).isNotNull();
            assertThat(a.print()).isEqualTo(fn + "(f)");
            assertThat(a.field()).isEqualTo("f");
        }
    }

    @Test
    void unknownNamesAreNull() {
        assertThat(AggregateCatalog.create("p97", "f", null)).isNull();
        assertThat(AggregateCatalog.isKnown("p97")).isFalse();
        assertThat(AggregateCatalog.isKnown("p95")).isTrue();
    }

    @Test
    void onlyCountTakesNoField() {
        assertThat(AggregateCatalog.fieldOptional("count")).isTrue();
        assertThat(AggregateCatalog.fieldOptional("sum")).isFalse();
    }
}
