package dev.logline.demo.inference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FraudModelTest {

    @Test
    void equalOrdersScoreEquallyWithinTheUnitInterval() {
        double a = FraudModel.score(FraudModel.STABLE_VERSION, "paul", "SKU-MUG-01", 25.0);
        assertThat(FraudModel.score(FraudModel.STABLE_VERSION, "paul", "SKU-MUG-01", 25.0)).isEqualTo(a);
        assertThat(a).isBetween(0.0, 0.999);
    }

    @Test
    void theCanaryWeighsLargeBasketsMore() {
        double stableSmall = FraudModel.score(FraudModel.STABLE_VERSION, "ana", "SKU-BAG-06", 10);
        double stableLarge = FraudModel.score(FraudModel.STABLE_VERSION, "ana", "SKU-BAG-06", 100);
        double canarySmall = FraudModel.score(FraudModel.CANARY_VERSION, "ana", "SKU-BAG-06", 10);
        double canaryLarge = FraudModel.score(FraudModel.CANARY_VERSION, "ana", "SKU-BAG-06", 100);
        assertThat(canaryLarge - canarySmall).isGreaterThan(stableLarge - stableSmall);
    }

    @Test
    void theFeaturesHashIsShortStableHex() {
        String h = FraudModel.featuresHash("wei", "SKU-CAP-05", 36.0);
        assertThat(h).matches("[0-9a-f]{12}").isEqualTo(FraudModel.featuresHash("wei", "SKU-CAP-05", 36.0));
        assertThat(FraudModel.featuresHash("wei", "SKU-CAP-05", 54.0)).isNotEqualTo(h);
    }
}
