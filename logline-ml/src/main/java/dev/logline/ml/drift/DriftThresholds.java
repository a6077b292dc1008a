package dev.logline.ml.drift;

/**
 * When a feature counts as drifted.
 *
 * @param psi     PSI at or above this is drift (default 0.2, between the usual "moderate" and "large" readings)
 * @param ksAlpha significance of the two-sample Kolmogorov-Smirnov test on numeric features (default 0.01): drift
 *                when the KS distance exceeds its critical value at this level, widened by the sketches' rank error
 */
public record DriftThresholds(double psi, double ksAlpha) {

    public static final DriftThresholds DEFAULT = new DriftThresholds(0.2, 0.01);

    public DriftThresholds {
        if (!(psi > 0)) {
            throw new IllegalArgumentException("the PSI threshold must be above 0, was " + psi);
        }
        if (!(ksAlpha > 0 && ksAlpha < 1)) {
            throw new IllegalArgumentException("the KS significance must be within (0, 1), was " + ksAlpha);
        }
    }
}
