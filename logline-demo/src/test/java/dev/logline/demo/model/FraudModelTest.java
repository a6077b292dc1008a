package dev.logline.demo.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FraudModelTest {

    private static final double[] WEIGHTS = {1.5, 0.2, -2.0, 0, 0, 0, 0, 0, 0.8, 0};

    @Test
    void scoresLargeBasketsOfYoungAccountsRiskier() {
        FraudModel m = new FraudModel("v", "r", WEIGHTS, -1);
        double small = m.score(new OrderFeatures(25, 1, 1460, "SKU-MUG-01"));
        double large = m.score(new OrderFeatures(195, 3, 1460, "SKU-HOOD-04"));
        double young = m.score(new OrderFeatures(25, 1, CustomerDirectory.ageDays("new-1234"), "SKU-MUG-01"));
        assertThat(small).isBetween(0.0, 1.0);
        assertThat(large).isGreaterThan(small);
        assertThat(young).isGreaterThan(small);
    }

    @Test
    void survivesItsFile(@TempDir Path dir) {
        FraudModel m = new FraudModel("fraud-lr-x", "run-1", WEIGHTS, -0.25);
        m.save(dir.resolve("model.json"));
        FraudModel read = FraudModel.load(dir.resolve("model.json"));
        assertThat(read.version()).isEqualTo("fraud-lr-x");
        assertThat(read.runId()).isEqualTo("run-1");
        assertThat(read.weights()).containsExactly(WEIGHTS);
        assertThat(read.bias()).isEqualTo(-0.25);
    }

    @Test
    void refusesWeightsForOtherFeatures() {
        assertThatThrownBy(() -> new FraudModel("old", "r", new double[3], 0))
                .hasMessageContaining("has 3 weights").hasMessageContaining("retrain");
    }

    @Test
    void theFeaturesHashIsShortStableHex() {
        String h = FraudModel.featuresHash("wei", "SKU-CAP-05", 36.0);
        assertThat(h).matches("[0-9a-f]{12}").isEqualTo(FraudModel.featuresHash("wei", "SKU-CAP-05", 36.0));
        assertThat(FraudModel.featuresHash("wei", "SKU-CAP-05", 54.0)).isNotEqualTo(h);
    }

    @Test
    void newAccountsAreDaysOldAndRegularsKeepTheirAge() {
        assertThat(CustomerDirectory.ageDays("paul")).isEqualTo(1460);
        assertThat(CustomerDirectory.ageDays("new-4711")).isBetween(0, 6).isEqualTo(CustomerDirectory.ageDays("new-4711"));
        assertThat(CustomerDirectory.regulars()).hasSize(12).isSorted();
    }
}
