package dev.logline.logback.appender;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void waitsDoubleWithJitterUpToTheCapAndResetAfterASuccess() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (long ceiling : ceilings) {
            long wait = b.next().toMillis();
            assertThat(wait).isBetween(ceiling / 2, ceiling);
        }
        assertThat(b.failures()).isEqualTo(6);
        b.reset();
        assertThat(b.next().toMillis()).isBetween(50L, 100L);
    }
}
