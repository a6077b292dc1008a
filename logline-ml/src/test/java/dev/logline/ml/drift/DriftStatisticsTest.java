package dev.logline.ml.drift;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** PSI and KS against values worked out by hand, and their verdicts on a shifted sample and on a resample. */
class DriftStatisticsTest {

    @Test
    void psiOfFourBinsIsTheHandComputedValue() {
        // (0.1-0.25)ln(0.1/0.25) + (0.2-0.25)ln(0.2/0.25) + (0.3-0.25)ln(0.3/0.25) + (0.4-0.25)ln(0.4/0.25)
        // = 0.15·0.916291 + 0.05·0.223144 + 0.05·0.182322 + 0.15·0.470004 = 0.228218
        double psi = Psi.of(new double[]{0.25, 0.25, 0.25, 0.25}, new double[]{0.1, 0.2, 0.3, 0.4});
        assertThat(psi).isCloseTo(0.228218, offset(1e-6));
    }

    @Test
    void aHistogramBaselineBinsAWindowAndGivesTheSamePsi() {
        NumericBaseline b = NumericBaseline.ofHistogram("amount", new double[]{10, 20, 30}, new double[]{25, 25, 25, 25});
        // 1 value below 10, 2 in [10,20), 3 in [20,30) (20 itself opens that bin), 4 at or over 30.
        FeatureWindow w = FeatureWindow.ofNumbers(5, 10, 19.9, 20, 25, 29, 30, 31, 99, 1000);

        FeatureDrift d = b.compare(w, DriftThresholds.DEFAULT);

        assertThat(d.psi()).isCloseTo(0.228218, offset(1e-6));
        assertThat(d.drifted()).isTrue();
        assertThat(d.statistic()).isEqualTo("psi");
        assertThat(d.ks()).isNaN();
        assertThat(d.windowSize()).isEqualTo(10);
    }

    @Test
    void categoricalPsiIsTheHandComputedValue() {
        // (0.2-0.5)ln(0.2/0.5) + (0.8-0.5)ln(0.8/0.5) = 0.274887 + 0.141001 = 0.415888
        CategoricalBaseline b = new CategoricalBaseline("sku", Map.of("a", 50L, "b", 50L));
        String[] window = new String[100];
        for (int i = 0; i < 100; i++) {
            window[i] = i < 20 ? "a" : "b";
        }
        FeatureDrift d = b.compare(FeatureWindow.ofCategories(window), DriftThresholds.DEFAULT);
        assertThat(d.psi()).isCloseTo(0.415888, offset(1e-6));
        assertThat(d.drifted()).isTrue();
    }

    @Test
    void ksIsTheLargestGapBetweenTheTwoEmpiricalCdfs() {
        // Baseline {1..5}, window {3..7}: at x=2 the CDFs are 0.4 and 0; at 5, 1.0 and 0.6 — the largest gap is 0.4.
        NumericBaseline b = NumericBaseline.of("x", new double[]{1, 2, 3, 4, 5}, 2);
        FeatureDrift d = b.compare(FeatureWindow.ofNumbers(3, 4, 5, 6, 7), DriftThresholds.DEFAULT);
        assertThat(d.ks()).isCloseTo(0.4, offset(1e-12));
        // Critical value at α=0.01 for n=m=5: 1.6276·√(2/5) = 1.0294, plus the sketches' rank error: not significant.
        assertThat(d.ksThreshold()).isGreaterThan(1.029);
        assertThat(d.ks()).isLessThan(d.ksThreshold());

        FeatureDrift uneven = NumericBaseline.of("x", new double[]{1, 2, 3}, 2)
                .compare(FeatureWindow.ofNumbers(1.5, 2.5, 3.5, 4.5), DriftThresholds.DEFAULT);
        // At x=3: 3/3 of the baseline, 2/4 of the window.
        assertThat(uneven.ks()).isCloseTo(0.5, offset(1e-12));
    }

    @Test
    void ksOnTiedValuesComparesTheCdfsAtEachValue() {
        // Baseline {1,1,2,2,3,3}: CDF 1/3, 2/3, 1. Window {1,2,2,3}: 1/4, 3/4, 1. Largest gap 1/12 at 1 and at 2.
        NumericBaseline b = NumericBaseline.of("qty", new double[]{1, 1, 2, 2, 3, 3}, 3);
        assertThat(b.compare(FeatureWindow.ofNumbers(1, 2, 2, 3), DriftThresholds.DEFAULT).ks())
                .isCloseTo(1 / 12.0, offset(1e-12));

        // A resample of a three-valued feature is not drift (a 3-point CDF has no room for large gaps by chance).
        Random r = new Random(1);
        double[] reference = new double[4000];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = 1 + r.nextInt(3);
        }
        double[] window = new double[150];
        for (int i = 0; i < window.length; i++) {
            window[i] = 1 + r.nextInt(3);
        }
        FeatureDrift d = NumericBaseline.of("qty", reference, 10).compare(FeatureWindow.ofNumbers(window), DriftThresholds.DEFAULT);
        assertThat(d.ks()).isLessThan(0.06);
        assertThat(d.drifted()).isFalse();
    }

    @Test
    void aShiftedNumericSampleDriftsAndAResampleDoesNot() {
        NumericBaseline b = NumericBaseline.of("amount", normal(new Random(1), 20_000, 50, 10), 10);

        FeatureDrift resample = b.compare(FeatureWindow.ofNumbers(normal(new Random(2), 1000, 50, 10)), DriftThresholds.DEFAULT);
        FeatureDrift shifted = b.compare(FeatureWindow.ofNumbers(normal(new Random(3), 1000, 55, 10)), DriftThresholds.DEFAULT);

        assertThat(resample.drifted()).isFalse();
        assertThat(resample.psi()).isLessThan(0.05);
        assertThat(resample.ks()).isLessThan(resample.ksThreshold());
        assertThat(shifted.drifted()).isTrue();
        assertThat(shifted.ks()).isGreaterThan(shifted.ksThreshold()).isGreaterThan(0.15);
        assertThat(shifted.psi()).isGreaterThan(resample.psi() * 4);
    }

    @Test
    void aShiftedCategoricalSampleDriftsAndAResampleDoesNot() {
        List<String> skus = List.of("mug", "tee", "book", "cap");
        Random r = new Random(5);
        DriftBaseline.Builder builder = DriftBaseline.builder("ref");
        for (int i = 0; i < 10_000; i++) {
            builder.add(Map.of("sku", skus.get(r.nextInt(4))));
        }
        CategoricalBaseline b = (CategoricalBaseline) builder.build().features().get("sku");
        String[] same = new String[1000];
        String[] skewed = new String[1000];
        for (int i = 0; i < 1000; i++) {
            same[i] = skus.get(r.nextInt(4));
            // Half the window now buys mugs, and a tenth a product the reference never saw.
            skewed[i] = i % 10 == 0 ? "lamp" : i % 2 == 0 ? "mug" : skus.get(r.nextInt(4));
        }
        assertThat(b.compare(FeatureWindow.ofCategories(same), DriftThresholds.DEFAULT).drifted()).isFalse();
        FeatureDrift d = b.compare(FeatureWindow.ofCategories(skewed), DriftThresholds.DEFAULT);
        assertThat(d.drifted()).isTrue();
        assertThat(d.psi()).isGreaterThan(0.5);
    }

    @Property(tries = 200)
    void psiIsZeroForEqualDistributionsAndPositiveOtherwise(
            @ForAll @Size(min = 2, max = 12) List<@DoubleRange(min = 1, max = 1000) Double> a,
            @ForAll @Size(min = 2, max = 12) List<@DoubleRange(min = 1, max = 1000) Double> b) {
        int n = Math.min(a.size(), b.size());
        double[] p = Psi.proportions(a.subList(0, n).stream().mapToDouble(Double::doubleValue).toArray());
        double[] q = Psi.proportions(b.subList(0, n).stream().mapToDouble(Double::doubleValue).toArray());
        assertThat(Psi.of(p, p)).isZero();
        assertThat(Psi.of(p, q)).isGreaterThanOrEqualTo(0).isCloseTo(Psi.of(q, p), offset(1e-9));
    }

    static double[] normal(Random r, int n, double mean, double sd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * r.nextGaussian();
        }
        return out;
    }
}
