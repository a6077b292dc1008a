package dev.logline.demo.traffic;

import java.util.random.RandomGenerator;

/**
 * The shares of purchases that go wrong on purpose; the rest are placed.
 *
 * @param outOfStock     share of purchases of the discontinued article (default 0.10)
 * @param paymentTimeout share of purchases paid with a slow issuer's card (default 0.05)
 */
public record ScenarioMix(double outOfStock, double paymentTimeout) {

    public static final ScenarioMix DEFAULT = new ScenarioMix(0.10, 0.05);

    public ScenarioMix {
        if (outOfStock < 0 || paymentTimeout < 0 || outOfStock + paymentTimeout > 1) {
            throw new IllegalArgumentException("scenario shares must be at least 0 and add up to at most 1: "
                    + "outOfStock=" + outOfStock + ", paymentTimeout=" + paymentTimeout);
        }
    }

    public Scenario pick(RandomGenerator random) {
        double u = random.nextDouble();
        if (u < outOfStock) {
            return Scenario.OUT_OF_STOCK;
        }
        return u < outOfStock + paymentTimeout ? Scenario.PAYMENT_TIMEOUT : Scenario.PLACED;
    }
}
