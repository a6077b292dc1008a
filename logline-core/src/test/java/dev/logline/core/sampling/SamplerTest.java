package dev.logline.core.sampling;

import dev.logline.core.Level;
import dev.logline.core.trace.TraceIds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTest {

    /** Two services with the same rule, as configured in each one's logback.xml. */
    @Test
    void twoServicesKeepOrDropWholeTransactionsTogetherAtTheConfiguredRate() {
        List<SamplingRule> rules = List.of(SamplingRule.parse("rate=0.25"));
        Sampler purchasing = new Sampler(rules);
        Sampler ordering = new Sampler(rules);
        int transactions = 4000;
        int keptTransactions = 0;
        for (int t = 0; t < transactions; t++) {
            String traceId = TraceIds.newTraceId();
            boolean first = purchasing.decide(Level.INFO, "shop.purchasing.Orders", traceId, "order placed", null).kept();
            for (int e = 0; e < 5; e++) {
                assertThat(purchasing.decide(Level.DEBUG, "shop.purchasing.Pay", traceId, "step", null).kept()).isEqualTo(first);
                assertThat(ordering.decide(Level.INFO, "shop.ordering.Api", traceId, "call", null).kept()).isEqualTo(first);
            }
            if (first) {
                keptTransactions++;
            }
        }
        // Binomial(4000, 0.25): sd is about 27; 6 sd either side makes a false failure practically impossible.
        assertThat(keptTransactions).isBetween(1000 - 165, 1000 + 165);
    }

    @Test
    void warnAndAboveAreKeptUnlessARuleNamesThem() {
        Sampler sampler = new Sampler(List.of(SamplingRule.parse("rate=0")));
        String traceId = TraceIds.newTraceId();
        assertThat(sampler.decide(Level.INFO, "a", traceId, "m", null)).isEqualTo(SamplingDecision.DROP_SAMPLED);
        assertThat(sampler.decide(Level.WARN, "a", traceId, "m", null)).isEqualTo(SamplingDecision.KEEP);
        assertThat(sampler.decide(Level.ERROR, "a", traceId, "m", null)).isEqualTo(SamplingDecision.KEEP);
        Sampler strict = new Sampler(List.of(SamplingRule.parse("levels=TRACE,DEBUG,INFO,WARN; rate=0")));
        assertThat(strict.decide(Level.WARN, "a", traceId, "m", null)).isEqualTo(SamplingDecision.DROP_SAMPLED);
    }

    @Test
    void firstCoveringRuleDecides() {
        Sampler sampler = new Sampler(List.of(SamplingRule.rate("shop.db", 0), SamplingRule.rate("", 1)));
        String traceId = TraceIds.newTraceId();
        assertThat(sampler.decide(Level.INFO, "shop.db.Pool", traceId, "m", null).kept()).isFalse();
        assertThat(sampler.decide(Level.INFO, "shop.api.Orders", traceId, "m", null).kept()).isTrue();
        assertThat(sampler.droppedBySamplingCount()).isEqualTo(1);
        assertThat(sampler.keptCount()).isEqualTo(1);
    }

    @Test
    void rateLimitsPerKeyWithATokenBucket() {
        AtomicLong clock = new AtomicLong();
        Sampler sampler = new Sampler(List.of(SamplingRule.parse("limit=2/s; burst=2; by=user")), 100, clock::get);
        Map<String, String> paul = Map.of("user", "paul");
        Map<String, String> anna = Map.of("user", "anna");
        assertThat(sampler.decide(Level.INFO, "a", null, "m", paul::get).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "m", paul::get).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "m", paul::get)).isEqualTo(SamplingDecision.DROP_RATE_LIMITED);
        assertThat(sampler.decide(Level.INFO, "a", null, "m", anna::get).kept()).isTrue();
        clock.addAndGet(500_000_000L); // half a second refills one token at 2/s
        assertThat(sampler.decide(Level.INFO, "a", null, "m", paul::get).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "m", paul::get).kept()).isFalse();
        assertThat(sampler.droppedByLimitCount()).isEqualTo(2);
    }

    @Test
    void keysBeyondTheCapShareOneBucket() {
        AtomicLong clock = new AtomicLong();
        Sampler sampler = new Sampler(List.of(SamplingRule.parse("limit=1/h; by=message")), 2, clock::get);
        assertThat(sampler.decide(Level.INFO, "a", null, "one", null).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "two", null).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "three", null).kept()).isTrue();
        assertThat(sampler.decide(Level.INFO, "a", null, "four", null).kept()).isFalse();
    }

    @Test
    void eventsWithoutTraceIdAreSampledAtTheRate() {
        Sampler sampler = new Sampler(List.of(SamplingRule.rate("", 0.5)));
        int kept = 0;
        for (int i = 0; i < 4000; i++) {
            if (sampler.decide(Level.INFO, "a", null, "m", null).kept()) {
                kept++;
            }
        }
        assertThat(kept).isBetween(2000 - 200, 2000 + 200);
    }
}
