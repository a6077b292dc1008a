package dev.logline.server.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final FailedAuthLimiter limiter = new FailedAuthLimiter(3, 1, now::get);

    @Test
    void anAddressWaitsOnceItsBurstIsSpentAndTheBucketRefills() {
        assertThat(limiter.waitSeconds("10.0.0.1")).isZero();
        for (int i = 0; i < 3; i++) {
            limiter.failed("10.0.0.1");
        }
        assertThat(limiter.waitSeconds("10.0.0.1")).isEqualTo(1);
        assertThat(limiter.waitSeconds("10.0.0.2")).isZero();
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.waitSeconds("10.0.0.1")).isZero();
        limiter.failed("10.0.0.1");
        assertThat(limiter.waitSeconds("10.0.0.1")).isEqualTo(1);
    }

    @Test
    void onlyTheMostRecentAddressesAreRemembered() {
        for (int i = 0; i < FailedAuthLimiter.MAX_ADDRESSES + 5; i++) {
            for (int k = 0; k < 3; k++) {
                limiter.failed("a" + i);
            }
        }
        assertThat(limiter.waitSeconds("a0")).isZero(); // forgotten
        assertThat(limiter.waitSeconds("a" + (FailedAuthLimiter.MAX_ADDRESSES + 4))).isPositive();
    }
}
