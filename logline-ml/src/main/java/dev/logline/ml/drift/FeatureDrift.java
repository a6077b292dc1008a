package dev.logline.ml.drift;

/**
 * One feature's comparison of a window with its baseline.
 *
 * @param psi         population stability index over the baseline's bins or categories
 * @param ks          Kolmogorov-Smirnov distance (largest gap between the two CDFs), {@code NaN} for categorical
 * @param ksThreshold the KS distance above which the feature drifted, {@code NaN} for categorical
 * @param windowSize  values in the window compared
 * @param drifted     PSI at or over its threshold, or KS over its threshold
 */
public record FeatureDrift(String feature, double psi, double ks, double ksThreshold, int windowSize,
                           boolean drifted, String statistic) {

    /** The statistic that crossed first: {@code psi}, else {@code ks}; {@code null} when none did. */
    static String crossed(boolean psiCrossed, boolean ksCrossed) {
        return psiCrossed ? "psi" : ksCrossed ? "ks" : null;
    }
}
