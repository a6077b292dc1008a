package dev.logline.ml.drift;

/**
 * The population stability index of two distributions over the same bins:
 * {@code PSI = Σ (actual_i − expected_i) · ln(actual_i / expected_i)} over proportions. Common reading: below 0.1
 * stable, 0.1–0.25 a moderate shift, above 0.25 a large one.
 */
public final class Psi {

    private Psi() {
    }

    /**
     * PSI of proportions that each sum to 1. A zero proportion would make the logarithm infinite: give
     * {@link #proportions} the counts instead, which smooths empty bins.
     *
     * @throws IllegalArgumentException when the lengths differ or a proportion is not positive
     */
    public static double of(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("PSI needs the same bins on both sides: " + expected.length
                    + " expected, " + actual.length + " actual");
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            if (!(expected[i] > 0) || !(actual[i] > 0)) {
                throw new IllegalArgumentException("bin " + i + " has a proportion of 0; PSI needs every bin "
                        + "positive (smooth the counts with Psi.proportions)");
            }
            psi += (actual[i] - expected[i]) * Math.log(actual[i] / expected[i]);
        }
        return psi;
    }

    /**
     * Counts as proportions, an empty bin counted as half an observation (so a bin one side never saw weighs as
     * "less than one in n", not as impossible), then normalised to sum to 1.
     */
    public static double[] proportions(double[] counts) {
        double total = 0;
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i] > 0 ? counts[i] : 0.5;
            total += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= total;
        }
        return out;
    }
}
