package dev.logline.ml.drift;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.KolmogorovSmirnov;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

import java.util.Arrays;

/**
 * A numeric feature's reference distribution: a histogram for PSI — bins cut at the reference's quantiles, so each
 * holds about the same share — and a KLL quantile sketch (Apache DataSketches) of the values for the KS test.
 * Bin {@code i} holds {@code edges[i-1] <= v < edges[i]}, the first and last open-ended.
 */
public final class NumericBaseline implements FeatureBaseline {

    /** Bins cut at the reference's deciles unless told otherwise. */
    public static final int DEFAULT_BINS = 10;

    /** The KLL sketch's k: normalised rank error about 0.7 %, a few KB serialised. */
    static final int SKETCH_K = 400;

    private final String feature;
    private final double[] edges;
    private final double[] expected;
    private final long count;
    private final KllDoublesSketch sketch;

    NumericBaseline(String feature, double[] edges, double[] expected, long count, KllDoublesSketch sketch) {
        if (expected.length != edges.length + 1) {
            throw new IllegalArgumentException(feature + ": " + edges.length + " edges make " + (edges.length + 1)
                    + " bins, but " + expected.length + " proportions were given");
        }
        for (int i = 1; i < edges.length; i++) {
            if (!(edges[i] > edges[i - 1])) {
                throw new IllegalArgumentException(feature + ": bin edges must increase, but edge " + i + " is "
                        + edges[i] + " after " + edges[i - 1]);
            }
        }
        this.feature = feature;
        this.edges = edges.clone();
        this.expected = expected.clone();
        this.count = count;
        this.sketch = sketch;
    }

    /** A baseline of the reference values, binned at their quantiles into at most {@code bins} bins. */
    public static NumericBaseline of(String feature, double[] values, int bins) {
        KllDoublesSketch s = KllDoublesSketch.newHeapInstance(SKETCH_K);
        for (double v : values) {
            if (Double.isFinite(v)) {
                s.update(v);
            }
        }
        return fromSketch(feature, s, bins);
    }

    /**
     * A baseline from a histogram alone (bin edges and the reference's count per bin), without values: PSI only,
     * KS is {@code NaN}.
     */
    public static NumericBaseline ofHistogram(String feature, double[] edges, double[] counts) {
        long n = Math.round(Arrays.stream(counts).sum());
        return new NumericBaseline(feature, edges, Psi.proportions(counts), n, null);
    }

    static NumericBaseline fromSketch(String feature, KllDoublesSketch s, int bins) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the baseline of " + feature + " has no numeric values; give it "
                    + "reference data or leave the feature out");
        }
        double[] cuts = new double[bins - 1];
        int n = 0;
        for (int i = 1; i < bins; i++) {
            double q = s.getQuantile((double) i / bins, QuantileSearchCriteria.EXCLUSIVE);
            // Repeated values make repeated quantiles: one edge each, so no bin is empty by construction.
            if (n == 0 || q > cuts[n - 1]) {
                if (q > s.getMinItem()) {
                    cuts[n++] = q;
                }
            }
        }
        double[] edges = Arrays.copyOf(cuts, n);
        double[] counts = new double[n + 1];
        double below = 0;
        for (int i = 0; i < n; i++) {
            double rank = s.getRank(edges[i], QuantileSearchCriteria.EXCLUSIVE);
            counts[i] = (rank - below) * s.getN();
            below = rank;
        }
        counts[n] = (1 - below) * s.getN();
        return new NumericBaseline(feature, edges, Psi.proportions(counts), s.getN(), s);
    }

    @Override
    public String feature() {
        return feature;
    }

    @Override
    public long count() {
        return count;
    }

    /** The bin edges (a copy). */
    public double[] edges() {
        return edges.clone();
    }

    /** The reference's proportion per bin (a copy). */
    public double[] expected() {
        return expected.clone();
    }

    /** The reference sketch, or {@code null} for a histogram-only baseline. */
    KllDoublesSketch sketch() {
        return sketch;
    }

    /** The bin a value falls in. */
    int bin(double v) {
        int i = Arrays.binarySearch(edges, v);
        // On an edge: that edge opens the bin to its right.
        return i >= 0 ? i + 1 : -i - 1;
    }

    /**
     * The two-sample Kolmogorov-Smirnov distance: the largest gap between the two empirical CDFs, both read
     * inclusively at every item either sketch retains (where the step functions change). DataSketches' own
     * {@code KolmogorovSmirnov.computeKSDelta} (6.2.0) mixes inclusive and exclusive ranks on ties and reports a gap
     * of 0.27 between two samples of one three-valued distribution, so discrete features need this.
     */
    static double ksDistance(KllDoublesSketch a, KllDoublesSketch b) {
        double d = 0;
        for (KllDoublesSketch s : new KllDoublesSketch[]{a, b}) {
            for (double x : s.getSortedView().getQuantiles()) {
                d = Math.max(d, Math.abs(a.getRank(x, QuantileSearchCriteria.INCLUSIVE)
                        - b.getRank(x, QuantileSearchCriteria.INCLUSIVE)));
            }
        }
        return d;
    }

    @Override
    public FeatureDrift compare(FeatureWindow window, DriftThresholds thresholds) {
        double[] values = window.numbers();
        double[] counts = new double[expected.length];
        for (double v : values) {
            counts[bin(v)]++;
        }
        double psi = Psi.of(expected, Psi.proportions(counts));
        double ks = Double.NaN;
        double ksThreshold = Double.NaN;
        if (sketch != null && values.length > 0) {
            // k as large as the window keeps the window's own sketch exact.
            KllDoublesSketch w = KllDoublesSketch.newHeapInstance(Math.max(8, Math.min(65_535, values.length)));
            for (double v : values) {
                w.update(v);
            }
            ks = ksDistance(sketch, w);
            ksThreshold = KolmogorovSmirnov.computeKSThreshold(sketch, w, thresholds.ksAlpha());
        }
        boolean psiCrossed = psi >= thresholds.psi();
        boolean ksCrossed = ks > ksThreshold;
        return new FeatureDrift(feature, psi, ks, ksThreshold, values.length, psiCrossed || ksCrossed,
                FeatureDrift.crossed(psiCrossed, ksCrossed));
    }
}
