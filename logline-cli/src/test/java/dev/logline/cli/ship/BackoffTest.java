package dev.logline.cli.ship;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void doublesFromAQuarterSecondWithJitterUpToThirtySeconds() {
        for (int i = 0; i < 50; i++) {
            assertThat(Backoff.delay(1, null).toMillis()).isBetween(200L, 300L);
            assertThat(Backoff.delay(3, null).toMillis()).isBetween(800L, 1200L);
            assertThat(Backoff.delay(40, null).toMillis()).isBetween(24_000L, 30_000L);
        }
    }

    @Test
    void aLongerRetryAfterWinsUpToFiveMinutes() {
        assertThat(Backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(5));
        assertThat(Backoff.delay(1, Duration.ZERO).toMillis()).isBetween(200L, 300L);
    }
}
