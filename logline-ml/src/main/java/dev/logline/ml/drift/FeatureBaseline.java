package dev.logline.ml.drift;

/**
 * The distribution one feature had in the reference data (a training set or a reference window), and how far a
 * live window of values has moved from it.
 */
public sealed interface FeatureBaseline permits NumericBaseline, CategoricalBaseline {

    /** The feature's name, as in the rows observed. */
    String feature();

    /** How many reference values the baseline was taken from. */
    long count();

    /** PSI and (for numeric features) KS of a window of values against this baseline. */
    FeatureDrift compare(FeatureWindow window, DriftThresholds thresholds);
}
