package dev.logline.ml.drift;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A categorical feature's reference frequencies. PSI runs over every category either side saw; one the reference
 * never saw counts as half an observation there ({@link Psi#proportions}), so a new category weighs heavily.
 */
public final class CategoricalBaseline implements FeatureBaseline {

    private final String feature;
    private final Map<String, Long> counts;
    private final long count;

    /** A baseline from the reference's count per category. */
    public CategoricalBaseline(String feature, Map<String, Long> counts) {
        this.feature = feature;
        this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        this.count = counts.values().stream().mapToLong(Long::longValue).sum();
        if (count == 0) {
            throw new IllegalArgumentException("the baseline of " + feature + " has no values; give it reference "
                    + "data or leave the feature out");
        }
    }

    @Override
    public String feature() {
        return feature;
    }

    @Override
    public long count() {
        return count;
    }

    /** The reference's count per category. */
    public Map<String, Long> counts() {
        return counts;
    }

    @Override
    public FeatureDrift compare(FeatureWindow window, DriftThresholds thresholds) {
        String[] values = window.categories();
        Map<String, Long> seen = new LinkedHashMap<>();
        for (String v : values) {
            seen.merge(v, 1L, Long::sum);
        }
        TreeSet<String> all = new TreeSet<>(counts.keySet());
        all.addAll(seen.keySet());
        double[] expected = new double[all.size()];
        double[] actual = new double[all.size()];
        int i = 0;
        for (String c : all) {
            expected[i] = counts.getOrDefault(c, 0L);
            actual[i] = seen.getOrDefault(c, 0L);
            i++;
        }
        double psi = Psi.of(Psi.proportions(expected), Psi.proportions(actual));
        boolean crossed = psi >= thresholds.psi();
        return new FeatureDrift(feature, psi, Double.NaN, Double.NaN, values.length, crossed,
                FeatureDrift.crossed(crossed, false));
    }
}
